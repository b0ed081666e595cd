package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may talk to the server, from {@code --allow}/{@code --deny} CIDR rules (IPv4 and IPv6). A deny
 * rule that matches wins; otherwise, if there is any allow rule, the peer must match one; with no rule
 * at all everyone is allowed. An IPv4-mapped IPv6 peer ({@code ::ffff:192.0.2.1}) is matched as the
 * IPv4 address it carries, so IPv4 rules hold on dual-stack sockets too. Rules are {@link IpNetwork}s (Netty's
 * filters would accept unmatched peers).
 */
public final class AccessPolicy {
    /** Allows everyone. */
    public static final AccessPolicy OPEN = new AccessPolicy(List.of(), List.of());

    private final List<String> allowText;
    private final List<String> denyText;
    private final List<IpNetwork> allow;
    private final List<IpNetwork> deny;

    private AccessPolicy(List<String> allow, List<String> deny) {
        this.allowText = List.copyOf(allow);
        this.denyText = List.copyOf(deny);
        this.allow = rules(allow);
        this.deny = rules(deny);
    }

    /**
     * A policy from CIDR texts such as {@code 10.0.0.0/8}, {@code ::1/128} or a bare address; throws
     * {@code IllegalArgumentException} naming the bad rule.
     */
    public static AccessPolicy of(List<String> allow, List<String> deny) {
        requireNonNull(allow, "allow");
        requireNonNull(deny, "deny");
        return allow.isEmpty() && deny.isEmpty() ? OPEN : new AccessPolicy(allow, deny);
    }

    /** Whether this policy lets everyone in (then the server adds no check at all). */
    public boolean isOpen() {
        return allow.isEmpty() && deny.isEmpty();
    }

    /** The allow rules as given. */
    public List<String> allowRules() {
        return allowText;
    }

    /** The deny rules as given. */
    public List<String> denyRules() {
        return denyText;
    }

    /** Whether a peer at {@code address} may be served. */
    public boolean allows(InetAddress address) {
        byte[] a = IpNetwork.unmapped(address.getAddress()); // once, not per rule (a datagram's sender is checked here)
        for (IpNetwork r : deny) {
            if (r.containsAddress(a)) {
                return false;
            }
        }
        if (allow.isEmpty()) {
            return true;
        }
        for (IpNetwork r : allow) {
            if (r.containsAddress(a)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ::ffff:a.b.c.d} becomes {@code a.b.c.d}; anything else is returned as is. */
    static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = IpNetwork.unmapped(address.getAddress());
        if (b.length == 16) {
            return address;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // four bytes
        }
    }

    private static List<IpNetwork> rules(List<String> cidrs) {
        List<IpNetwork> out = new ArrayList<>();
        for (String cidr : cidrs) {
            try {
                out.add(IpNetwork.parse(cidr));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule: " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "allow " + allowText + ", deny " + denyText;
    }
}
