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
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns bind hosts into the addresses to serve on, in the manner of {@code getaddrinfo(AI_PASSIVE)}. */
final class AddressResolver {
    private static final Logger log = LoggerFactory.getLogger(AddressResolver.class);

    static final InetAddress IPV4_ANY = literal(new byte[4]);
    static final InetAddress IPV6_ANY = literal(new byte[16]);
    static final InetAddress IPV4_LOOPBACK = literal(new byte[] {127, 0, 0, 1});
    static final InetAddress IPV6_LOOPBACK = literal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private AddressResolver() {
    }

    /**
     * Every address of every host, de-duplicated, in order. A host is a name or a literal; IPv6 literals
     * may carry brackets and a {@code %scope}. A name that does not resolve is a {@link BindFailureException}
     * ({@code UNRESOLVABLE}); a malformed host, a host with a port, or a host none of whose addresses the
     * family filter keeps is a configuration error ({@code IllegalArgumentException}).
     */
    static List<InetAddress> resolve(List<String> hosts, AddressFamily family) {
        requireNonNull(hosts, "hosts");
        requireNonNull(family, "family");
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String host : hosts) {
            String bare = stripBrackets(host.strip());
            if (bare.isEmpty() || bare.contains("[") || bare.contains("]") || hasPort(host.strip())) {
                throw new IllegalArgumentException("bind: '" + host + "' (expected: a host name or an IP literal,"
                        + " without a port)");
            }
            InetAddress[] all;
            try {
                all = InetAddress.getAllByName(bare);
            } catch (UnknownHostException e) {
                throw BindFailureException.unresolvable(host, e);
            }
            boolean any = false;
            for (InetAddress a : all) {
                if (family.accepts(a)) {
                    out.add(a);
                    any = true;
                }
            }
            if (!any) {
                String only = family == AddressFamily.IPV4 ? "IPv4" : "IPv6";
                throw new IllegalArgumentException("bind: '" + host + "' has no " + only + " address, and only "
                        + only + " is served (" + (all.length == 1 ? "its address is " : "its addresses are ")
                        + literals(all) + ")");
            }
        }
        return List.copyOf(out);
    }

    /** {@code 127.0.0.1} and, where the host has it, {@code ::1}: the embedded server's default. */
    static List<InetAddress> loopback(AddressFamily family) {
        return ofFamily(family, IPV4_LOOPBACK, IPV6_LOOPBACK, AddressResolver::hasIpv6Loopback, "no ::1");
    }

    /**
     * {@code v4} and, if {@code hasV6} (asked only when IPv6 is served), {@code v6}, as {@code family} allows; IPv6 only
     * without IPv6 is an {@code IllegalArgumentException} saying the host has {@code missing}.
     */
    private static List<InetAddress> ofFamily(AddressFamily family, InetAddress v4, InetAddress v6, BooleanSupplier hasV6,
                                              String missing) {
        List<InetAddress> out = new ArrayList<>(2);
        if (family != AddressFamily.IPV6) {
            out.add(v4);
        }
        if (family != AddressFamily.IPV4 && hasV6.getAsBoolean()) {
            out.add(v6);
        } else if (family == AddressFamily.IPV6) {
            throw new IllegalArgumentException("family: IPv6 only, but this host has " + missing);
        }
        return out;
    }

    private static boolean hasPort(String host) {
        // "[::1]:7", or "host:7" / "1.2.3.4:7" (one colon; an IPv6 literal has two or more)
        return host.startsWith("[") && !host.endsWith("]") || host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':');
    }

    private static String literals(InetAddress[] all) {
        StringBuilder b = new StringBuilder();
        for (InetAddress a : all) {
            b.append(b.length() == 0 ? "" : ", ").append(io.netty.util.NetUtil.toAddressString(a));
        }
        return b.toString();
    }

    private static boolean hasIpv6Loopback() {
        try {
            return NetworkInterface.getByInetAddress(IPV6_LOOPBACK) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    /** The passive wildcards of the families this host has: {@code 0.0.0.0} and {@code ::}. */
    static List<InetAddress> wildcards(AddressFamily family) {
        List<InetAddress> out = ofFamily(family, IPV4_ANY, IPV6_ANY, AddressResolver::hasIpv6, "no IPv6 address");
        if (family == AddressFamily.ANY && out.size() == 1) {
            log.warn("IPv6 is not available on this host; serving IPv4 only");
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
