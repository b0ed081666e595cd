package io.inetty.cli.check;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.inetty.cli.check.Probe.Failure;
import io.inetty.protocols.chargen.ChargenPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * What a well-formed answer looks like, service by service, written from the RFCs and not from the server's code
 * (but for chargen's pattern, which {@link ChargenPattern} verifies for check and bench alike).
 */
final class Replies {
    /** RFC 865: a quote should be shorter than 512 characters. */
    static final int MAX_QUOTE = 511;
    /** whoami's answer is a line of a few hundred bytes. */
    static final int MAX_WHOAMI = 4096;
    private static final java.util.regex.Pattern WHOAMI = java.util.regex.Pattern.compile(
            "\\{\"service\":\"whoami\",\"transport\":\"(tcp|udp)\",\"peer\":(null|\"[^\"]*\"),.*"
                    + "\"instance\":\"((?:[^\"\\\\]|\\\\.)*)\",\"time\":\"[0-9T:-]+Z\".*\\}\n");
    /** RFC 868: seconds from 1900-01-01T00:00Z to 1970-01-01T00:00Z. */
    static final long EPOCH_OFFSET = 2_208_988_800L;

    private Replies() {
    }

    /**
     * RFC 864: {@code data} is a run of the pattern, from the start of a line if {@code lineStart} (TCP), anywhere
     * otherwise (UDP replies continue the pattern); returns the line the data starts in.
     */
    static int chargen(byte[] data, boolean lineStart) throws Failure {
        ChargenPattern.Match m = ChargenPattern.match(data, lineStart);
        if (m.length() < data.length) {
            int bad = m.length();
            throw new Failure("not the RFC 864 pattern: byte " + bad + " is " + show(data[bad]) + ", expected "
                    + show(ChargenPattern.at(m.start() + bad)) + (bad == 0 ? "" : " (after " + bad + " good bytes)"));
        }
        return m.start() / ChargenPattern.LINE_BYTES;
    }

    /** RFC 865: printable US-ASCII, CR, LF or TAB, ending CR LF (the caller bounds the length); returns a summary. */
    static String quote(byte[] data) throws Failure {
        text(data, true);
        String s = new String(data, US_ASCII);
        String first = s.strip().lines().findFirst().orElse("").strip();
        return data.length + "-byte quote \"" + (first.length() > 60 ? first.substring(0, 57) + "..." : first) + "\"";
    }

    /** RFC 867: one non-blank line of printable US-ASCII ending CR LF; returns the line. */
    static String daytime(byte[] data) throws Failure {
        text(data, false);
        return new String(data, 0, data.length - 2, US_ASCII);
    }

    /** whoami: one UTF-8 line of JSON naming the service, the peer seen and the instance; returns a summary. */
    static String whoami(byte[] data) throws Failure {
        String line = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = WHOAMI.matcher(line);
        if (line.indexOf('\n') != line.length() - 1 || !m.matches()) {
            String start = line.strip();
            throw new Failure("not whoami's JSON line: " + (start.length() > 60 ? start.substring(0, 57) + "..." : start));
        }
        return "instance \"" + m.group(3) + "\", saw peer " + m.group(2).replace("\"", "") + " over " + m.group(1);
    }

    private static void text(byte[] data, boolean multiLine) throws Failure {
        if (data.length == 0) {
            throw new Failure("empty reply");
        }
        if (data.length < 2 || data[data.length - 2] != '\r' || data[data.length - 1] != '\n') {
            throw new Failure("reply does not end with CR LF (" + data.length + " bytes, the last is "
                    + show(data[data.length - 1]) + ")");
        }
        boolean blank = true;
        for (int i = 0; i < data.length - 2; i++) {
            byte b = data[i];
            boolean space = multiLine && (b == '\r' || b == '\n' || b == '\t');
            if (!space && (b < 0x20 || b > 0x7e)) {
                throw new Failure("byte " + i + " is " + show(b) + " (expected: printable US-ASCII"
                        + (multiLine ? ", CR, LF or TAB)" : " on one line)"));
            }
            blank &= space || b == ' ';
        }
        if (blank) {
            throw new Failure("blank reply");
        }
    }

    /**
     * RFC 868: 4 bytes, unsigned seconds since 1900 modulo 2^32, read in the era closest to the local clock
     * (so it keeps working after the 2036 wrap). Fails if farther than {@code tolerance} from the local clock.
     */
    static String time(byte[] data, long localMillis, Duration tolerance) throws Failure {
        if (data.length != 4) {
            throw new Failure(data.length + " bytes (expected: exactly 4)");
        }
        long value = ((data[0] & 0xffL) << 24) | ((data[1] & 0xffL) << 16) | ((data[2] & 0xffL) << 8) | (data[3] & 0xffL);
        long era0 = value - EPOCH_OFFSET;
        long seconds = era0 + Math.round((localMillis / 1000.0 - era0) / 0x1_0000_0000L) * 0x1_0000_0000L;
        // The server's second covers [seconds, seconds + 1): measure the local clock's distance to it.
        long from = seconds * 1000;
        long off = localMillis < from ? from - localMillis : Math.max(0, localMillis - (from + 1000));
        String at = Instant.ofEpochSecond(seconds).toString();
        double offset = (from + 500 - localMillis) / 1000.0;
        if (off > tolerance.toMillis()) {
            throw new Failure(String.format(Locale.ROOT, "server time %s is %.1f s %s the local clock (tolerance %s)",
                    at, Math.abs(offset), offset < 0 ? "behind" : "ahead of", Probe.text(tolerance)));
        }
        return String.format(Locale.ROOT, "%s (offset %+.1f s from the local clock)", at, offset);
    }

    /** {@code 'a'} or {@code 0x0d}. */
    static String show(byte b) {
        return b >= 0x21 && b <= 0x7e ? "'" + (char) b + "'" : String.format("0x%02x", b & 0xff);
    }
}
