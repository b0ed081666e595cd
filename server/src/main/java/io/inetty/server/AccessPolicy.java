package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may talk to the server, from {@code --allow}/{@code --deny} CIDR rules (IPv4 and IPv6). A deny
 * rule that matches wins; otherwise, if there is any allow rule, the peer must match one; with no rule
 * at all everyone is allowed. An IPv4-mapped IPv6 peer ({@code ::ffff:192.0.2.1}) is matched as the
 * IPv4 address it carries, so IPv4 rules hold on dual-stack sockets too. Rules are Netty's
 * {@link IpSubnetFilterRule}s; the combination is ours because Netty's filters accept unmatched peers.
 */
public final class AccessPolicy {
    /** Allows everyone. */
    public static final AccessPolicy OPEN = new AccessPolicy(List.of(), List.of());

    private final List<String> allowText;
    private final List<String> denyText;
    private final IpSubnetFilterRule[] allow;
    private final IpSubnetFilterRule[] deny;

    private AccessPolicy(List<String> allow, List<String> deny) {
        this.allowText = List.copyOf(allow);
        this.denyText = List.copyOf(deny);
        this.allow = rules(allow, IpFilterRuleType.ACCEPT);
        this.deny = rules(deny, IpFilterRuleType.REJECT);
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
        return allow.length == 0 && deny.length == 0;
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
        InetSocketAddress peer = new InetSocketAddress(unmapped(address), 0);
        for (IpSubnetFilterRule r : deny) {
            if (r.matches(peer)) {
                return false;
            }
        }
        if (allow.length == 0) {
            return true;
        }
        for (IpSubnetFilterRule r : allow) {
            if (r.matches(peer)) {
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
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        if (b[10] == -1 && b[11] == -1) {
            try {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return address;
    }

    private static IpSubnetFilterRule[] rules(List<String> cidrs, IpFilterRuleType type) {
        List<IpSubnetFilterRule> out = new ArrayList<>();
        for (String cidr : cidrs) {
            out.add(rule(cidr.strip(), type));
        }
        return out.toArray(new IpSubnetFilterRule[0]);
    }

    private static IpSubnetFilterRule rule(String cidr, IpFilterRuleType type) {
        int slash = cidr.indexOf('/');
        String ip = slash < 0 ? cidr : cidr.substring(0, slash);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            throw new IllegalArgumentException("rule: '" + cidr + "' (expected: an IP literal or CIDR, e.g. 10.0.0.0/8 or ::1/128)");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("rule: '" + cidr + "': prefix (expected: 0-" + max + ")");
            }
        }
        try {
            return new IpSubnetFilterRule(InetAddress.getByAddress(bytes), prefix, type);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return "allow " + allowText + ", deny " + denyText;
    }
}
