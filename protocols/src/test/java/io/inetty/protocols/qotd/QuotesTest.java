package io.inetty.protocols.qotd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

class QuotesTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, UTF_8);
    }

    // ---- of ----

    @Test
    void builtInQuotesAreValid() {
        assertThat(Quotes.BUILT_IN).isNotEmpty();
        assertThat(Quotes.of(Quotes.BUILT_IN)).isEqualTo(Quotes.BUILT_IN);
        for (String quote : Quotes.BUILT_IN) {
            assertThat(Quotes.wireLength(quote)).isLessThanOrEqualTo(511);
        }
    }

    @Test
    void ofReturnsAnImmutableCopy() {
        List<String> source = new ArrayList<>(List.of("one", "two"));
        List<String> copy = Quotes.of(source);
        source.set(0, "changed");
        assertThat(copy).containsExactly("one", "two");
        assertThatThrownBy(() -> copy.add("three")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void wireLengthCountsCrLfLineEnds() {
        assertThat(Quotes.wireLength("a")).isEqualTo(3); // "a\r\n"
        assertThat(Quotes.wireLength("a\nb")).isEqualTo(6); // "a\r\nb\r\n"
        assertThat(Quotes.wireLength("a\tb")).isEqualTo(5);
    }

    @Test
    void ofRejectsNoQuotes() {
        assertThatThrownBy(() -> Quotes.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one quote");
        assertThatThrownBy(() -> Quotes.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void ofAcceptsAQuoteOf511BytesOnTheWire() {
        String longest = "x".repeat(509); // + CR LF = 511
        assertThat(Quotes.of(List.of(longest))).containsExactly(longest);
        String twoLines = "x".repeat(254) + "\n" + "y".repeat(253); // 254 + 2 + 253 + 2 = 511
        assertThat(Quotes.wireLength(twoLines)).isEqualTo(511);
        assertThat(Quotes.of(List.of(twoLines))).containsExactly(twoLines);
    }

    @Test
    void ofRejectsAQuoteOf512BytesOnTheWire() {
        assertThatThrownBy(() -> Quotes.of(List.of("fine", "x".repeat(510))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote 2")
                .hasMessageContaining("512 characters")
                .hasMessageContaining("511");
        // The CR of each line end counts: 509 characters of text, but 512 bytes as sent.
        String twoLines = "x".repeat(254) + "\n" + "y".repeat(254);
        assertThatThrownBy(() -> Quotes.of(List.of(twoLines)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote 1")
                .hasMessageContaining("512");
    }

    @Test
    void ofRejectsNonAsciiAndControlCharacters() {
        assertThatThrownBy(() -> Quotes.of(List.of("ok", "caf\u00e9")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote 2")
                .hasMessageContaining("0xe9")
                .hasMessageContaining("printable US-ASCII");
        assertThatThrownBy(() -> Quotes.of(List.of("bell\u0007")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x7");
        assertThatThrownBy(() -> Quotes.of(List.of("carriage\rreturn")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0xd");
        assertThatThrownBy(() -> Quotes.of(List.of("delete\u007f")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0x7f");
        assertThat(Quotes.of(List.of("tab\tand ~"))).containsExactly("tab\tand ~");
    }

    @Test
    void ofRejectsABlankQuoteSayingSo() {
        assertThatThrownBy(() -> Quotes.of(List.of("fine", "   ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote 2")
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> Quotes.of(List.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote 1")
                .hasMessageContaining("blank");
    }

    // ---- load ----

    @Test
    void loadsFortuneFormat() throws IOException {
        Path path = file("quotes.txt", "First quote.\n%\nSecond quote,\n  on two lines.\n%\nThird.\n");
        assertThat(Quotes.load(path)).containsExactly("First quote.", "Second quote,\n  on two lines.", "Third.");
    }

    @Test
    void loadsCrLfFilesAndSkipsEmptyEntries() throws IOException {
        Path path = file("crlf.txt", "%\r\nOne\r\n%\r\n%\r\n\r\n   \r\n%\r\nTwo\r\nlines\r\n%\r\n");
        assertThat(Quotes.load(path)).containsExactly("One", "Two\nlines");
    }

    @Test
    void loadsAFileWithoutSeparatorsAsOneQuote() throws IOException {
        Path path = file("one.txt", "Just one saying, no final newline");
        assertThat(Quotes.load(path)).containsExactly("Just one saying, no final newline");
    }

    @Test
    void aPercentSignInsideALineIsNotASeparator() throws IOException {
        Path path = file("percent.txt", "100% sure\n%\n %\n");
        assertThat(Quotes.load(path)).containsExactly("100% sure", "%");
    }

    /** Stands in {@link #badFiles()} for the file's path, which the message must name. */
    private static final String FILE = "<file>";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("an empty file", "", List.of(FILE, "no quote")),
                arguments("a file of separators and blank lines", "%\n\n%\n   \n%\n", List.of("no quote")),
                arguments("a non-ASCII file", "Fine.\n%\nC'est la vie, \u00e7a va.\n", List.of(FILE, "not US-ASCII")),
                arguments("a too long quote, naming file and quote",
                        "Short.\n%\n" + "x".repeat(600) + "\n%\nAlso short.\n",
                        List.of(FILE, "quote 2", "602 characters", "511")),
                arguments("control characters", "Beep\u0007\n", List.of(FILE, "0x7")));
    }

    @ParameterizedTest(name = "load rejects {0}")
    @MethodSource("badFiles")
    void loadRejects(String what, String content, List<String> expected) throws IOException {
        Path path = file("bad.txt", content);
        String[] fragments = expected.stream().map(f -> f.equals(FILE) ? path.toString() : f).toArray(String[]::new);
        assertThatThrownBy(() -> Quotes.load(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(fragments);
    }

    @Test
    void loadReportsAMissingFile() {
        assertThatThrownBy(() -> Quotes.load(dir.resolve("missing.txt"))).isInstanceOf(NoSuchFileException.class);
    }
}
