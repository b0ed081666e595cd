package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns bind hosts into the addresses to serve on, in the manner of {@code getaddrinfo(AI_PASSIVE)}. */
final class AddressResolver {
    private static final Logger log = LoggerFactory.getLogger(AddressResolver.class);

    static final InetAddress IPV4_ANY = literal(new byte[4]);
    static final InetAddress IPV6_ANY = literal(new byte[16]);

    private AddressResolver() {
    }

    /**
     * Every address of every host, de-duplicated, in order. A host is a name or a literal; IPv6 literals
     * may carry brackets and a {@code %scope}. Throws {@link InettyException} for a name that does not
     * resolve or has no address of the wanted family.
     */
    static List<InetAddress> resolve(List<String> hosts, AddressFamily family) {
        requireNonNull(hosts, "hosts");
        requireNonNull(family, "family");
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String host : hosts) {
            String bare = stripBrackets(host.strip());
            if (bare.isEmpty()) {
                throw new InettyException("bind: '" + host + "' (expected: a host name or an IP literal)");
            }
            InetAddress[] all;
            try {
                all = InetAddress.getAllByName(bare);
            } catch (UnknownHostException e) {
                throw new InettyException("bind: cannot resolve '" + host + "': no such host name", e);
            }
            boolean any = false;
            for (InetAddress a : all) {
                if (family.accepts(a)) {
                    out.add(a);
                    any = true;
                }
            }
            if (!any) {
                throw new InettyException("bind: '" + host + "' has no " + (family == AddressFamily.IPV4 ? "IPv4" : "IPv6")
                        + " address");
            }
        }
        return List.copyOf(out);
    }

    /** The passive wildcards of the families this host has: {@code 0.0.0.0} and {@code ::}. */
    static List<InetAddress> wildcards(AddressFamily family) {
        List<InetAddress> out = new ArrayList<>(2);
        if (family != AddressFamily.IPV6) {
            out.add(IPV4_ANY);
        }
        if (family != AddressFamily.IPV4) {
            if (hasIpv6()) {
                out.add(IPV6_ANY);
            } else if (family == AddressFamily.IPV6) {
                throw new InettyException("bind: IPv6 requested (-6) but this host has no IPv6 address");
            } else {
                log.warn("IPv6 is not available on this host; serving IPv4 only");
            }
        }
        return out;
    }

    /** Every unicast address configured on an interface that is up (loopback included), of the family. */
    static List<InetAddress> localUnicast(AddressFamily family) {
        Set<InetAddress> out = new LinkedHashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!a.isMulticastAddress() && !a.isAnyLocalAddress() && family.accepts(a)) {
                        out.add(a);
                    }
                }
            }
        } catch (SocketException e) {
            throw new InettyException("cannot list the host's network interfaces: " + e.getMessage(), e);
        }
        List<InetAddress> sorted = new ArrayList<>(out);
        // IPv4 before IPv6, loopback first: a stable, readable order for the 'listening' lines.
        sorted.sort(Comparator.comparing((InetAddress a) -> a instanceof Inet6Address)
                .thenComparing(a -> !a.isLoopbackAddress()));
        return List.copyOf(sorted);
    }

    /** The limited broadcast address and every interface's IPv4 broadcast address. */
    static Set<InetAddress> broadcasts() {
        Set<InetAddress> out = new LinkedHashSet<>();
        out.add(literal(new byte[] {-1, -1, -1, -1}));
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    if (ia.getBroadcast() != null) {
                        out.add(ia.getBroadcast());
                    }
                }
            }
        } catch (SocketException e) {
            log.debug("cannot list interfaces", e);
        }
        return Set.copyOf(out);
    }

    static boolean hasIpv6() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet6Address) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            log.debug("cannot list interfaces", e);
        }
        return false;
    }

    static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }

    private static String stripBrackets(String host) {
        if (host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
