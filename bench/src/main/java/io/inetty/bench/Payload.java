package io.inetty.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * The pseudo-random byte pattern the echo modes send (the C loadgen's: xorshift64 bytes repeating with a prime
 * period, so chunk boundaries never line up). Each message is a different slice, so a stale, duplicated or
 * shifted byte is caught. One read-only direct buffer holds a period plus a chunk: a message is written as a
 * slice of it, with no copy and no allocation.
 */
final class Payload {
    /** Prime period of the pattern. */
    static final int PERIOD = 65521;

    private final ByteBuf buffer;
    private final ByteBuf pattern;

    /** A pattern from which slices of up to {@code maxChunk} bytes can be taken at any offset. */
    Payload(int maxChunk) {
        int length = PERIOD + Math.max(PERIOD, maxChunk);
        byte[] bytes = new byte[length];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < PERIOD; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte) (x >>> 56);
        }
        for (int i = PERIOD; i < length; i++) {
            bytes[i] = bytes[i - PERIOD];
        }
        buffer = Unpooled.directBuffer(length).writeBytes(bytes);
        pattern = Unpooled.unreleasableBuffer(buffer.asReadOnly());
    }

    /** Frees the pattern once the run is over (its slices are never released one by one). */
    void release() {
        buffer.release();
    }

    /** Where message {@code seq} of connection {@code id} starts in the pattern (loadgen's formula). */
    static long messageOffset(int id, long seq) {
        long v = (id & 0xFFFFFFFFL) * 2654435761L + seq * 40503L + seq * seq * 7L;
        return Long.remainderUnsigned(v, PERIOD);
    }

    /** {@code length} bytes of the pattern from {@code offset}, as a read-only slice (never released). */
    ByteBuf slice(long offset, int length) {
        return pattern.slice((int) (offset % PERIOD), length);
    }

    /** A copy of {@code length} bytes of the pattern from {@code offset}. */
    byte[] bytes(long offset, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int k = Math.min(length - done, PERIOD);
            pattern.getBytes((int) ((offset + done) % PERIOD), out, done, k);
            done += k;
        }
        return out;
    }

    /** Whether {@code length} readable bytes of {@code in} from {@code index} equal the pattern from {@code offset}. */
    boolean matches(ByteBuf in, int index, long offset, int length) {
        int done = 0;
        while (done < length) {
            int k = Math.min(length - done, PERIOD);
            if (!ByteBufUtil.equals(in, index + done, pattern, (int) ((offset + done) % PERIOD), k)) {
                return false;
            }
            done += k;
        }
        return true;
    }
}
