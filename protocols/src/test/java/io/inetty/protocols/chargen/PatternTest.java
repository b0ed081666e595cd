package io.inetty.protocols.chargen;

import static io.inetty.protocols.TestChannels.bytes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternTest {

    /** An independent RFC 864 generator: line n holds the 72 characters from ' ' + n (mod 95), then CR LF. */
    static byte[] reference(int length) {
        StringBuilder text = new StringBuilder(length + 80);
        for (int line = 0; text.length() < length; line++) {
            for (int column = 0; column < 72; column++) {
                text.append((char) (' ' + (line + column) % 95));
            }
            text.append("\r\n");
        }
        return Arrays.copyOf(text.toString().getBytes(US_ASCII), length);
    }

    /** {@code length} bytes of the reference stream from stream position {@code start}. */
    static byte[] reference(long start, int length) {
        int from = (int) (start % 7030);
        return Arrays.copyOfRange(reference(from + length), from, from + length);
    }

    @Test
    void constantsMatchRfc864() {
        assertThat(Pattern.FIRST).isEqualTo(' ');
        assertThat(Pattern.CHARS).isEqualTo(95);
        assertThat(Pattern.LINE).isEqualTo(72);
        assertThat(Pattern.LINE_BYTES).isEqualTo(74);
        assertThat(Pattern.PERIOD).isEqualTo(7030);
    }

    @Test
    void firstLinesAreTheRotatingPrintableCharacters() {
        String text = new String(Pattern.bytes(3 * 74), US_ASCII);
        assertThat(text).isEqualTo(
                " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg\r\n"
                        + "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh\r\n"
                        + "\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghi\r\n");
    }

    @Test
    void bytesEqualTheIndependentGeneratorOverSeveralPeriods() {
        assertThat(Pattern.bytes(3 * 7030 + 123)).isEqualTo(reference(3 * 7030 + 123));
    }

    @Test
    void everyLineHas72PrintableCharactersAndTheLinesWrapAfter95() {
        String text = new String(Pattern.bytes(7030 + 74), US_ASCII);
        Set<Character> seen = new HashSet<>();
        for (int line = 0; line < 96; line++) {
            String l = text.substring(line * 74, line * 74 + 74);
            assertThat(l).endsWith("\r\n");
            String chars = l.substring(0, 72);
            assertThat(chars.chars()).allMatch(c -> c >= ' ' && c <= '~');
            assertThat(chars.charAt(0)).isEqualTo((char) (' ' + line % 95));
            chars.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(95);
        // Line 94 starts with '~' and wraps to ' '; line 95 starts the next period.
        assertThat(text.substring(94 * 74, 94 * 74 + 3)).isEqualTo("~ !");
        assertThat(text.substring(95 * 74)).isEqualTo(text.substring(0, 74));
    }

    @Test
    void atMatchesTheReferenceAtAnyPosition() {
        byte[] ref = reference(7030);
        for (long position : new long[] {0, 1, 71, 72, 73, 74, 7029, 7030, 7031, 123_456_789L,
                Integer.MAX_VALUE + 5L, 1L << 40, Long.MAX_VALUE}) {
            assertThat(Pattern.at(position)).as("position %d", position).isEqualTo(ref[(int) (position % 7030)]);
        }
    }

    @ParameterizedTest
    @CsvSource({"0,0", "0,1", "0,512", "1,512", "73,74", "7029,1", "7029,16384", "7030,100", "16384,16384",
            "21089,300", "7000,16384"})
    void sliceIsTheStreamFromOffset(int offset, int length) {
        ByteBuf slice = Pattern.slice(offset, length);
        assertThat(slice.readableBytes()).isEqualTo(length);
        assertThat(bytes(slice)).isEqualTo(reference(offset, length));
        assertThat(slice.isReadOnly()).isTrue();
        slice.release();
        assertThat(Pattern.SHARED.refCnt()).as("shared buffer survives releases").isPositive();
    }

    @Test
    void sharedBufferHoldsAPeriodPlusAChunk() {
        assertThat(Pattern.SHARED.readableBytes()).isEqualTo(Pattern.PERIOD + Pattern.CHUNK);
        assertThat(bytes(Pattern.SHARED)).isEqualTo(reference(Pattern.PERIOD + Pattern.CHUNK));
        assertThat(Pattern.SHARED.release()).isFalse();
        assertThat(Pattern.SHARED.isReadOnly()).isTrue();
    }
}
