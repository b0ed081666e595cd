package io.inetty.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.protocols.chargen.ChargenPattern;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The judgement of replies: time across the 2036 wrap, chargen anywhere in the pattern for UDP. */
class RepliesTest {
    private static byte[] time(Instant t) {
        return ByteBuffer.allocate(4).putInt((int) (t.getEpochSecond() + Replies.EPOCH_OFFSET)).array();
    }

    @Test
    void timeIsReadInTheEraClosestToTheLocalClock() throws Exception {
        long wrap = Instant.parse("2036-02-07T06:28:16Z").toEpochMilli();
        byte[] justAfter = {0, 0, 0, 4};
        assertThat(Replies.time(justAfter, wrap + 4_000, Duration.ofSeconds(5))).startsWith("2036-02-07T06:28:20Z");
        byte[] justBefore = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};
        assertThat(Replies.time(justBefore, wrap + 1_000, Duration.ofSeconds(5))).startsWith("2036-02-07T06:28:14Z");
        assertThat(Replies.time(time(Instant.parse("2026-01-01T00:00:00Z")), Instant.parse("2026-01-01T00:00:00.900Z")
                .toEpochMilli(), Duration.ZERO)).startsWith("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> Replies.time(justAfter, wrap + 60_000, Duration.ofSeconds(5)))
                .hasMessageContaining("behind the local clock");
    }

    @Test
    void chargenPatternAnywhereForUdp() throws Exception {
        byte[] slice = new byte[300];
        for (int i = 0; i < slice.length; i++) {
            slice[i] = ChargenPattern.at(7000 + i); // wraps around the period, starts mid-line
        }
        assertThat(Replies.chargen(slice, false)).isEqualTo(94);
        assertThatThrownBy(() -> Replies.chargen(slice, true)).hasMessageContaining("not the RFC 864 pattern");
        assertThat(Replies.chargen(new byte[0], false)).isZero();
    }
}
