package io.inetty.protocols.qotd;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Quotes for qotd: built-in public-domain sayings, or loaded from a file in {@code fortune} format
 * (quotes separated by lines holding only {@code %}). Each quote is printable US-ASCII (line breaks
 * allowed) and, with its final CR LF, shorter than 512 characters (RFC 865).
 */
public final class Quotes {
    /** Longest message on the wire, CR LF line ends included: "shorter than 512" (RFC 865). */
    public static final int MAX_WIRE_LENGTH = 511;
    /** Largest quotes file {@link #load} reads: 1 MiB, thousands of quotes; a larger file is refused unread. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /** Public-domain proverbs and sayings. */
    public static final List<String> BUILT_IN = List.of(
            "A journey of a thousand miles begins with a single step. - Lao Tzu",
            "Well begun is half done. - Aristotle",
            "The only thing we have to fear is fear itself. - Franklin D. Roosevelt",
            "Be liberal in what you accept, and conservative in what you send. - Jon Postel",
            "Rough consensus and running code. - David D. Clark",
            "Simplicity is prerequisite for reliability. - Edsger W. Dijkstra",
            "Early to bed and early to rise makes a man healthy, wealthy and wise. - Benjamin Franklin",
            "Knowledge is power. - Francis Bacon",
            "Brevity is the soul of wit. - William Shakespeare",
            "No man is an island. - John Donne");

    private Quotes() {
    }

    /** Checks and copies a list of quotes; throws {@code IllegalArgumentException} naming the bad one. */
    public static List<String> of(List<String> quotes) {
        requireNonNull(quotes, "quotes");
        if (quotes.isEmpty()) {
            throw new IllegalArgumentException("quotes: [] (expected: at least one quote)");
        }
        for (int i = 0; i < quotes.size(); i++) {
            check(i + 1, quotes.get(i));
        }
        return List.copyOf(quotes);
    }

    /**
     * Reads a fortune-format file (US-ASCII) of at most {@link #MAX_FILE_BYTES}, reading no more than that (a
     * device such as {@code /dev/zero} is refused too). Throws {@code IOException} or {@code IllegalArgumentException}.
     */
    public static List<String> load(Path file) throws IOException {
        requireNonNull(file, "file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("quotes: " + file + " is larger than 1 MiB (expected: at most "
                    + MAX_FILE_BYTES + " bytes)");
        }
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("quotes: " + file + " is not US-ASCII text (RFC 865 quotes are ASCII)");
        }
        List<String> quotes = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.equals("%")) {
                add(quotes, current);
            } else {
                current.append(line).append('\n');
            }
        }
        add(quotes, current);
        if (quotes.isEmpty()) {
            throw new IllegalArgumentException("quotes: " + file + " holds no quote");
        }
        try {
            return of(quotes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static void add(List<String> quotes, StringBuilder current) {
        String quote = current.toString().strip();
        current.setLength(0);
        if (!quote.isEmpty()) {
            quotes.add(quote);
        }
    }

    /** The quote's length as sent: every line ending CR LF, a final CR LF added. */
    static int wireLength(String quote) {
        return quote.length() + (int) quote.chars().filter(c -> c == '\n').count() + 2;
    }

    private static void check(int number, String quote) {
        if (quote.isBlank()) {
            throw new IllegalArgumentException("quote " + number + ": blank (expected: some printable text)");
        }
        int wire = wireLength(quote);
        if (wire > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("quote " + number + ": " + wire
                    + " characters on the wire (expected: 3-" + MAX_WIRE_LENGTH + ", CR LF included)");
        }
        for (int i = 0; i < quote.length(); i++) {
            char c = quote.charAt(i);
            if ((c < 0x20 || c > 0x7e) && c != '\n' && c != '\t') {
                throw new IllegalArgumentException("quote " + number + ": character 0x"
                        + Integer.toHexString(c) + " at " + i + " (expected: printable US-ASCII)");
            }
        }
    }
}
