package io.inetty.protocols.chargen;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/**
 * Verifies the RFC 864 pattern on the client side ({@code inetty check}, {@code inetty bench}): the one place
 * that knows how a received chargen answer must look. Lines of {@value #LINE} characters of the ring of the 95
 * printable ASCII characters, each line one character later than the one before, each ending CR LF; the
 * stream repeats every {@value #PERIOD} bytes. {@link #match} checks a whole reply; an instance checks one
 * endless stream piece by piece, finding its place from the first CR LF.
 */
public final class ChargenPattern {
    /** Characters per line. */
    public static final int LINE = Pattern.LINE;
    /** Bytes per line, CR LF included. */
    public static final int LINE_BYTES = Pattern.LINE_BYTES;
    /** Bytes after which the stream repeats (95 lines). */
    public static final int PERIOD = Pattern.PERIOD;

    /** Two periods, so that any run of up to a period starting anywhere in the first is one slice. */
    private static final ByteBuf EXPECTED = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(Pattern.bytes(2 * PERIOD)).asReadOnly());

    private final byte[] head = new byte[LINE_BYTES + 2];
    private int headLength;
    /** Position in the period of the next byte; -1 until synchronised. */
    private int position = -1;

    /** The longest run of a reply that follows the pattern: it starts at {@code start} and holds {@code length} bytes. */
    public record Match(int start, int length) {
    }

    /** The byte at {@code position} of the stream that starts with the line {@code " !\"#..."}. */
    public static byte at(long position) {
        return Pattern.at(position);
    }

    /**
     * Where {@code data} best fits the pattern: at the start of a line if {@code lineStart} (a TCP stream starts
     * with a whole line), anywhere otherwise (UDP replies continue the pattern). The data is all pattern when the
     * match's length is {@code data.length}; otherwise byte {@code length} is the first one that breaks it.
     */
    public static Match match(byte[] data, boolean lineStart) {
        requireNonNull(data, "data");
        Match best = new Match(0, -1);
        for (int start = 0; start < PERIOD; start += lineStart ? LINE_BYTES : 1) {
            int i = 0;
            while (i < data.length && data[i] == at(start + i)) {
                i++;
            }
            if (i > best.length()) {
                best = new Match(start, i);
                if (i == data.length) {
                    break;
                }
            }
        }
        return best;
    }

    /** Checks the readable bytes of {@code in} (not consumed); false as soon as a byte breaks the pattern. */
    public boolean feed(ByteBuf in) {
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
    private static int synchronise(byte[] head) {
        for (int i = 0; i <= LINE + 1 && i + 2 < head.length; i++) {
            if (head[i] == '\r' && head[i + 1] == '\n') {
                // a known character: the last of the line before the CR LF, or else the first after it
                int at = i >= 1 ? i - 1 : i + 2;
                int column = i >= 1 ? LINE - 1 : 0;
                int c = head[at] & 0xFF;
                if (c < Pattern.FIRST || c >= Pattern.FIRST + Pattern.CHARS) {
                    return -1;
                }
                int line = Math.floorMod(c - Pattern.FIRST - column, Pattern.CHARS);
                return Math.floorMod(line * LINE_BYTES + column - at, PERIOD);
            }
        }
        return -1;
    }
}
