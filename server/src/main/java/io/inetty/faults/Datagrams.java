package io.inetty.faults;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import java.util.BitSet;

/** The datagram edits of the UDP faults: corrupt, truncate (each keeps a real sender or the request answered). */
final class Datagrams {
    private Datagrams() {
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
        DatagramPacket out = p.copy(); // through replace(): keeps the real sender
        p.release();
        ByteBuf copy = out.content();
        int total = copy.readableBytes() * 8;
        int flips = Math.min(bits, total);
        BitSet flipped = new BitSet(total);
        for (int done = 0; done < flips; ) {
            int bit = a.nextInt(total);
            if (!flipped.get(bit)) {
                flipped.set(bit);
                copy.setByte(bit >>> 3, copy.getByte(bit >>> 3) ^ (1 << (bit & 7)));
                done++;
            }
        }
        return out;
    }
}
