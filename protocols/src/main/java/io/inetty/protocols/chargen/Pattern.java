package io.inetty.protocols.chargen;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The RFC 864 character pattern: the 95 printable ASCII characters, 72 per line, each line starting one
 * character later than the one before, lines ending CR LF. The stream repeats every 95 lines (7,030
 * bytes); one shared read-only buffer holds a period plus a chunk, so any chunk is a slice of it.
 */
final class Pattern {
    static final int FIRST = ' ';
    static final int CHARS = 95;
    static final int LINE = 72;
    static final int LINE_BYTES = LINE + 2;
    /** Bytes after which the stream repeats. */
    static final int PERIOD = CHARS * LINE_BYTES;
    /** Bytes written per TCP write: large enough that a fast reader is served at memory speed. */
    static final int CHUNK = 16 * 1024;

    /** Read-only, never released: slices of it are written as-is, with no copy and no allocation of data. */
    static final ByteBuf SHARED = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(PERIOD + CHUNK).writeBytes(bytes(PERIOD + CHUNK)).asReadOnly());

    private Pattern() {
    }

    /** The first {@code length} bytes of the stream. */
    static byte[] bytes(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = at(i);
        }
        return out;
    }

    /** The byte at {@code position} of the stream. */
    static byte at(long position) {
        int inPeriod = (int) (position % PERIOD);
        int line = inPeriod / LINE_BYTES;
        int column = inPeriod % LINE_BYTES;
        if (column == LINE) {
            return '\r';
        }
        if (column == LINE + 1) {
            return '\n';
        }
        return (byte) (FIRST + (line + column) % CHARS);
    }

    /** A slice of {@code length} (at most {@link #CHUNK}) bytes starting at stream offset {@code offset}. */
    static ByteBuf slice(int offset, int length) {
        return SHARED.slice(offset % PERIOD, length);
    }
}
