package io.inetty.protocols.chargen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The client-side RFC 864 checker: whole replies and streams, any start, any chunking; one wrong byte is caught. */
class ChargenPatternTest {
    private static final byte[] STREAM = Pattern.bytes(3 * ChargenPattern.PERIOD);

    private static boolean feed(byte[] data, int from, int to, Random random) {
        ChargenPattern checker = new ChargenPattern();
        for (int at = from; at < to; ) {
            int n = Math.min(to - at, 1 + random.nextInt(3000));
            if (!checker.feed(Unpooled.wrappedBuffer(data, at, n))) {
                return false;
            }
            at += n;
        }
        return true;
    }

    @Test
    void isTheServersPattern() {
        assertThat(new String(STREAM, 0, 74, StandardCharsets.US_ASCII)).startsWith(" !\"#$%&").endsWith("efg\r\n");
        for (int i = 0; i < STREAM.length; i += 7) {
            assertThat(ChargenPattern.at(i)).isEqualTo(STREAM[i]);
        }
    }

    @Test
    void streamFromAnyOffsetInAnyChunks() {
        Random random = new Random(864);
        for (int i = 0; i < 300; i++) {
            int from = random.nextInt(ChargenPattern.PERIOD);
            assertThat(feed(STREAM, from, from + ChargenPattern.PERIOD + 500, random)).as("from %d", from).isTrue();
        }
    }

    @Test
    void streamWithAnyCorruptedByteFails() {
        Random random = new Random(19);
        for (int i = 0; i < 300; i++) {
            byte[] data = STREAM.clone();
            int from = random.nextInt(ChargenPattern.PERIOD);
            int bad = from + random.nextInt(2 * ChargenPattern.PERIOD);
            data[bad] ^= (byte) (1 + random.nextInt(127));
            assertThat(feed(data, from, from + 2 * ChargenPattern.PERIOD + 100, random)).as("byte %d", bad).isFalse();
        }
        byte[] noLines = new byte[500];
        Arrays.fill(noLines, (byte) 'x');
        assertThat(feed(noLines, 0, noLines.length, random)).isFalse();
    }

    @Test
    void matchFindsTheLineOrTheFirstBadByte() {
        byte[] fromLine5 = Arrays.copyOfRange(STREAM, 5 * 74, 5 * 74 + 8000);
        assertThat(ChargenPattern.match(fromLine5, true)).isEqualTo(new ChargenPattern.Match(5 * 74, 8000));
        byte[] midLine = Arrays.copyOfRange(STREAM, 10, 310);
        assertThat(ChargenPattern.match(midLine, true).length()).isLessThan(300);
        assertThat(ChargenPattern.match(midLine, false)).isEqualTo(new ChargenPattern.Match(10, 300));
        byte[] wrong = Arrays.copyOf(STREAM, 8000);
        wrong[1000] = 'x';
        assertThat(ChargenPattern.match(wrong, true)).isEqualTo(new ChargenPattern.Match(0, 1000));
        assertThat(ChargenPattern.match(new byte[0], false).length()).isZero();
    }
}
