package io.inetty.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Checks one TCP chargen stream against the RFC 864 pattern, continuously: lines of 72 characters taken from
 * the ring of the 95 printable ASCII characters, each line starting one character later than the one before,
 * each ending CR LF (the stream repeats every 95 lines, 7,030 bytes). The stream may start anywhere in the
 * pattern: the checker finds its place from the first CR LF of the first 76 bytes, then compares every byte.
 */
final class ChargenChecker {
    static final int FIRST = ' ';
    static final int CHARS = 95;
    static final int LINE = 72;
    static final int LINE_BYTES = LINE + 2;
    static final int PERIOD = CHARS * LINE_BYTES;

    /** Two periods, so that any run of up to a period starting anywhere in the first is one slice. */
    private static final ByteBuf EXPECTED = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(bytes(2 * PERIOD)).asReadOnly());

    private final byte[] head = new byte[LINE_BYTES + 2];
    private int headLength;
    /** Position in the period of the next byte; -1 until synchronised. */
    private int position = -1;

    /** The first {@code length} bytes of the classic stream (starting with a line of {@code " !\"#..."}). */
    static byte[] bytes(int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int inPeriod = i % PERIOD;
            int line = inPeriod / LINE_BYTES;
            int column = inPeriod % LINE_BYTES;
            out[i] = column == LINE ? (byte) '\r' : column == LINE + 1 ? (byte) '\n'
                    : (byte) (FIRST + (line + column) % CHARS);
        }
        return out;
    }

    /** Checks the readable bytes of {@code in} (not consumed); false as soon as a byte breaks the pattern. */
    boolean feed(ByteBuf in) {
        int index = in.readerIndex();
        int n = in.readableBytes();
        if (position < 0) {
            int k = Math.min(n, head.length - headLength);
            in.getBytes(index, head, headLength, k);
            headLength += k;
            index += k;
            n -= k;
            if (headLength < head.length) {
                return true;
            }
            position = synchronise(head);
            if (position < 0 || !check(Unpooled.wrappedBuffer(head), 0, head.length)) {
                return false;
            }
        }
        return check(in, index, n);
    }

    private boolean check(ByteBuf in, int index, int n) {
        while (n > 0) {
            int k = Math.min(n, PERIOD);
            if (!ByteBufUtil.equals(in, index, EXPECTED, position, k)) {
                return false;
            }
            position = (position + k) % PERIOD;
            index += k;
            n -= k;
        }
        return true;
    }

    /** The position in the period of {@code head[0]}, found from the first CR LF; -1 if there is none where due. */
    static int synchronise(byte[] head) {
        for (int i = 0; i <= LINE + 1 && i + 2 < head.length; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n') {
                // a known character: the last of the line before the CR LF, or else the first after it
                int at = i >= 1 ? i - 1 : i + 2;
                int column = i >= 1 ? LINE - 1 : 0;
                int c = head[at] & 0xFF;
                if (c < FIRST || c >= FIRST + CHARS) {
                    return -1;
                }
                int line = Math.floorMod(c - FIRST - column, CHARS);
                return Math.floorMod(line * LINE_BYTES + column - at, PERIOD);
            }
        }
        return -1;
    }
}
