package io.inetty.proxy;

import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses a PROXY protocol v2 header at the start of a datagram (Netty's decoder is stream-only, netty #10892),
 * with the limits of the stream decoder: the declared length must fit in the datagram, and the TLVs after the
 * addresses may take at most {@link ProxyProtocol#MAX_TLV_BYTES}.
 */
final class ProxyV2 {
    /** {@code \r\n\r\n\0\r\nQUIT\n}. */
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int FIXED = 16;
    /** The largest address block (AF_UNIX: two 108-byte paths). */
    private static final int MAX_ADDRESSES = 216;
    private static final int INET = 0x1;
    private static final int INET6 = 0x2;
    private static final int DGRAM = 0x2;

    /**
     * A parsed header, or why there is none.
     *
     * @param length the header's length (skip it to reach the payload)
     * @param source the client it names, or null when the proxy speaks for itself (LOCAL, UNSPEC, UNIX)
     * @param error  why the header is refused, or null
     */
    record Header(int length, InetSocketAddress source, String error) {
        static Header refused(String why) {
            return new Header(0, null, why);
        }
    }

    private ProxyV2() {
    }

    static boolean startsWithSignature(ByteBuf buf) {
        if (buf.readableBytes() < SIGNATURE.length) {
            return false;
        }
        int at = buf.readerIndex();
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (buf.getByte(at + i) != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Parses the header at {@code buf}'s reader index, leaving the index where it was. */
    static Header parse(ByteBuf buf) {
        if (!startsWithSignature(buf)) {
            return Header.refused("no PROXY v2 signature");
        }
        if (buf.readableBytes() < FIXED) {
            return Header.refused("truncated: " + buf.readableBytes() + " bytes");
        }
        int at = buf.readerIndex();
        int verCmd = buf.getUnsignedByte(at + 12);
        int fam = buf.getUnsignedByte(at + 13);
        int len = buf.getUnsignedShort(at + 14);
        if (verCmd >> 4 != 2) {
            return Header.refused("version " + (verCmd >> 4) + " (expected: 2)");
        }
        int command = verCmd & 0xF;
        if (command > 1) {
            return Header.refused("command " + command + " (expected: 0 LOCAL or 1 PROXY)");
        }
        if (len > MAX_ADDRESSES + ProxyProtocol.MAX_TLV_BYTES) {
            return Header.refused("oversized: " + len + " bytes after the fixed part (at most "
                    + (MAX_ADDRESSES + ProxyProtocol.MAX_TLV_BYTES) + ")");
        }
        if (FIXED + len > buf.readableBytes()) {
            return Header.refused("truncated: declares " + len + " bytes, " + (buf.readableBytes() - FIXED) + " follow");
        }
        int family = fam >> 4;
        int transport = fam & 0xF;
        if (family > 3 || transport > 2) {
            return Header.refused("address family/transport 0x" + Integer.toHexString(fam));
        }
        if (command == 0 || (family != INET && family != INET6)) {
            return new Header(FIXED + len, null, null); // the proxy itself (health check) or no IP addresses
        }
        if (transport != DGRAM) {
            return Header.refused("transport " + transport + " (expected: 2 DGRAM)");
        }
        int addr = family == INET ? 4 : 16;
        if (len < 2 * addr + 4) {
            return Header.refused("address block of " + len + " bytes (expected: at least " + (2 * addr + 4) + ")");
        }
        byte[] ip = new byte[addr];
        buf.getBytes(at + FIXED, ip);
        int port = buf.getUnsignedShort(at + FIXED + 2 * addr);
        try {
            return new Header(FIXED + len, new InetSocketAddress(InetAddress.getByAddress(ip), port), null);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes always make an address
        }
    }
}
