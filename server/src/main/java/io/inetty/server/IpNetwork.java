package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code [::1]/128}, or one
 * address), immutable; an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}), in the rule or asked about, counts
 * as the IPv4 address it carries. Access rules and the faults' {@code from} are networks.
 */
public final class IpNetwork {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private IpNetwork(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * Parses {@code text} (blanks around it ignored); throws {@code IllegalArgumentException} with the message
     * {@code 'TEXT' (expected: an IP literal or CIDR, e.g. 10.0.0.0/8 or ::1/128)} or {@code 'TEXT': prefix (expected:
     * 0-32)} (0-128 for IPv6).
     */
    public static IpNetwork parse(String text) {
        String t = requireNonNull(text, "text").strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + t + "' (expected: an IP literal or CIDR, e.g. 10.0.0.0/8 or ::1/128)");
        }
        bytes = unmapped(bytes);
        int max = bytes.length * 8;
        int prefix = slash < 0 ? max : prefix(t.substring(slash + 1));
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("'" + t + "': prefix (expected: 0-" + max + ")");
        }
        return new IpNetwork(mask(bytes, prefix), prefix, t);
    }

    /** Whether {@code address} is in this network (false for null). */
    public boolean contains(InetAddress address) {
        return address != null && containsAddress(unmapped(address.getAddress()));
    }

    /** Whether the address of bytes {@code a} (4 or 16, IPv4-mapped already unmapped) is in this network; no copy. */
    boolean containsAddress(byte[] a) {
        if (a.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int bits = prefix % 8;
        return bits == 0 || ((a[whole] ^ network[whole]) & (0xff << (8 - bits)) & 0xff) == 0;
    }

    private static int prefix(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    /** The four bytes of the IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), else {@code b}. */
    static byte[] unmapped(byte[] b) {
        if (b.length != 16) {
            return b;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return b;
            }
        }
        return b[10] == -1 && b[11] == -1 ? Arrays.copyOfRange(b, 12, 16) : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNetwork && ((IpNetwork) o).prefix == prefix && Arrays.equals(((IpNetwork) o).network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    /** The network as given (without the blanks around it). */
    @Override
    public String toString() {
        return text;
    }
}
