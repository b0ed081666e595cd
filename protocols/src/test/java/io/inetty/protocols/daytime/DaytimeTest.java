package io.inetty.protocols.daytime;

import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpStages;

import static io.inetty.protocols.TestChannels.SENDER;
import static io.inetty.protocols.TestChannels.assertReleased;
import static io.inetty.protocols.TestChannels.bytes;
import static io.inetty.protocols.TestChannels.datagram;
import static io.inetty.protocols.TestChannels.readOutboundAscii;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaytimeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T21:50:25Z"), ZoneOffset.UTC);
    private static final String LINE = "Tuesday, November 24, 2026 21:50:25-UTC\r\n";

    @Test
    void lineInUtc() {
        assertThat(new Daytime(CLOCK, Daytime.UTC).line()).isEqualTo(LINE);
    }

    @Test
    void responseIsTheLineInUsAscii() {
        ByteBuf message = new Daytime(CLOCK, Daytime.UTC).respond(ByteBufAllocator.DEFAULT);
        assertThat(bytes(message)).isEqualTo(LINE.getBytes(US_ASCII));
        message.release();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-11-24T21:50:25Z | Europe/Paris     | Tuesday, November 24, 2026 22:50:25-CET",
        "2026-07-14T12:00:00Z | Europe/Paris     | Tuesday, July 14, 2026 14:00:00-CEST",
        "2026-11-24T21:50:25Z | America/New_York | Tuesday, November 24, 2026 16:50:25-EST",
        "2026-11-24T21:50:25Z | Asia/Kolkata     | Wednesday, November 25, 2026 03:20:25-IST",
        "2026-03-01T00:00:00Z | UTC              | Sunday, March 1, 2026 00:00:00-UTC",
        "2026-12-31T23:59:59Z | UTC              | Thursday, December 31, 2026 23:59:59-UTC",
        "2026-11-24T09:05:07Z | UTC              | Tuesday, November 24, 2026 09:05:07-UTC",
    })
    void lineShowsLocalTimeAndZoneShortName(String instant, String zone, String expected) {
        Clock clock = Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
        assertThat(new Daytime(clock, ZoneId.of(zone)).line()).isEqualTo(expected + "\r\n");
    }

    @Test
    void defaultIsUtcFromTheSystemClock() {
        assertThat(new Daytime().line())
                .matches("[A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2}-UTC\r\n");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> new Daytime(null, Daytime.UTC)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Daytime(CLOCK, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tcpWritesTheLineThenCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(tcpStages(new Daytime(CLOCK, Daytime.UTC)));
        ch.runPendingTasks();
        assertThat(readOutboundAscii(ch)).isEqualTo(LINE);
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void udpAnswersEachDatagramEvenAnEmptyOne() {
        EmbeddedChannel ch = new EmbeddedChannel(udpStages(new Daytime(CLOCK, Daytime.UTC)));
        ByteBuf empty = Unpooled.buffer(0);
        ByteBuf other = Unpooled.copiedBuffer("time?", US_ASCII);
        ch.writeInbound(datagram(empty), datagram(other));
        assertReleased(empty, other);
        for (int i = 0; i < 2; i++) {
            DatagramPacket reply = ch.readOutbound();
            assertThat(reply.recipient()).isEqualTo(SENDER);
            assertThat(reply.content().toString(US_ASCII)).isEqualTo(LINE);
            reply.release();
        }
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finish()).isFalse();
    }
}
