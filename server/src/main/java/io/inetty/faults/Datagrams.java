package io.inetty.faults;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import java.util.BitSet;

/** The datagram edits of the UDP faults: duplicate, corrupt, truncate (each keeps a real sender or the request answered). */
final class Datagrams {
    private Datagrams() {
    }

    /** A second datagram sharing {@code p}'s bytes. */
    static DatagramPacket duplicate(DatagramPacket p) {
        return p.retainedDuplicate();
    }

    /** {@code p} with only its first {@code size} bytes; {@code p} is released. */
    static DatagramPacket truncate(DatagramPacket p, int size) {
        ByteBuf c = p.content();
        DatagramPacket out = p.replace(c.retainedSlice(c.readerIndex(), size));
        p.release();
        return out;
    }

    /** A copy of {@code p} with {@code bits} distinct bits flipped at positions drawn from {@code a}; {@code p} is released. */
    static DatagramPacket corrupt(DatagramPacket p, int bits, ActiveFault a) {
        ByteBuf c = p.content();
        int len = c.readableBytes();
        ByteBuf copy = c.alloc().buffer(len);
        copy.writeBytes(c, c.readerIndex(), len);
        DatagramPacket out = p.replace(copy);
        p.release();
        int total = len * 8;
        int flips = Math.min(bits, total);
        BitSet flipped = new BitSet(total);
        while (flipped.cardinality() < flips) {
            int bit = a.nextInt(total);
            if (!flipped.get(bit)) {
                flipped.set(bit);
                copy.setByte(bit >>> 3, copy.getByte(bit >>> 3) ^ (1 << (bit & 7)));
            }
        }
        return out;
    }

}
