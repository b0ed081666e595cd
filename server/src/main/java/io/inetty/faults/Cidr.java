package io.inetty.faults;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address). */
final class Cidr {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code text}; {@code IllegalArgumentException} naming {@code from} and what is allowed otherwise. */
    static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String host = slash < 0 ? t : t.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
        if (bytes == null) {
            throw bad(text);
        }
        bytes = unmapped(bytes);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            if (prefix < 0 || prefix > bits) {
                throw bad(text);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, t);
    }

    /** Whether {@code address} (an IPv4-mapped IPv6 address counts as IPv4) is in this network. */
    boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] a = unmapped(address.getAddress());
        return a.length == network.length && Arrays.equals(mask(a, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    /** The IPv4 address inside an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.1}), else the bytes as given. */
    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        try {
            InetAddress a = InetAddress.getByAddress(bytes);
            return a instanceof Inet4Address ? a.getAddress() : bytes; // the JDK unmaps IPv4-mapped addresses
        } catch (UnknownHostException e) {
            return bytes;
        }
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("from: '" + text
                + "' (expected: an IPv4 or IPv6 address or network, e.g. 192.0.2.0/24 or 2001:db8::/32)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr && ((Cidr) o).prefix == prefix && Arrays.equals(((Cidr) o).network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return text;
    }
}
