package io.inetty.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RFC 864 checker: any starting point, any chunking; a single wrong byte is caught. */
class ChargenCheckerTest {
    private static final byte[] STREAM = ChargenChecker.bytes(3 * ChargenChecker.PERIOD);

    private static boolean feed(byte[] data, int from, int to, Random random) {
        ChargenChecker checker = new ChargenChecker();
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
    void acceptsThePatternFromAnyOffsetInAnyChunks() {
        Random random = new Random(864);
        for (int i = 0; i < 300; i++) {
            int from = random.nextInt(ChargenChecker.PERIOD);
            assertThat(feed(STREAM, from, from + ChargenChecker.PERIOD + 500, random)).as("from %d", from).isTrue();
        }
        assertThat(new String(STREAM, 0, 74, java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith(" !\"#$%&").endsWith("efg\r\n");
    }

    @Test
    void rejectsAnyCorruptedByte() {
        Random random = new Random(19);
        for (int i = 0; i < 300; i++) {
            byte[] data = STREAM.clone();
            int from = random.nextInt(ChargenChecker.PERIOD);
            int bad = from + random.nextInt(2 * ChargenChecker.PERIOD);
            data[bad] ^= (byte) (1 + random.nextInt(127));
            assertThat(feed(data, from, from + 2 * ChargenChecker.PERIOD + 100, random)).as("byte %d", bad).isFalse();
        }
    }

    @Test
    void rejectsAStreamWithoutLines() {
        byte[] data = new byte[500];
        java.util.Arrays.fill(data, (byte) 'x');
        assertThat(feed(data, 0, data.length, new Random(1))).isFalse();
    }
}
