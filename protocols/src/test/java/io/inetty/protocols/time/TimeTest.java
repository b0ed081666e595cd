package io.inetty.protocols.time;

import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpStages;

import static io.inetty.protocols.TestChannels.SENDER;
import static io.inetty.protocols.TestChannels.bytes;
import static io.inetty.protocols.TestChannels.datagram;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeTest {
    private static final Instant NOW = Instant.parse("2026-11-24T21:50:25Z");
    /** 4,004,545,825 = 0xEEB08521. */
    private static final byte[] NOW_BYTES = {(byte) 0xEE, (byte) 0xB0, (byte) 0x85, (byte) 0x21};

    private static Time at(String instant) {
        return new Time(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void epochOffsetIsTheSecondsFrom1900To1970() {
        assertThat(Time.EPOCH_OFFSET).isEqualTo(2_208_988_800L);
    }

    @ParameterizedTest
    @CsvSource({
        "1900-01-01T00:00:00Z,     0",
        "1900-01-01T00:00:01Z,     1",
        "1899-12-31T23:59:59Z,     4294967295",
        "1970-01-01T00:00:00Z,     2208988800",
        "1970-01-01T00:00:00.999Z, 2208988800",
        "1969-12-31T23:59:59.999Z, 2208988799",
        "2000-01-01T00:00:00Z,     3155673600",
        "2026-11-24T21:50:25Z,     4004545825",
        "2036-02-07T06:28:15Z,     4294967295",
        "2036-02-07T06:28:16Z,     0",
        "2036-02-07T06:28:17Z,     1",
        "2172-03-15T12:56:32Z,     0",
    })
    void valueIsSecondsSince1900ModuloTwoToThe32(String instant, long expected) {
        assertThat(at(instant).value()).isEqualTo(expected);
    }

    @Test
    void valueOfAKnownInstantIsIndependentlyComputed() {
        long seconds1900 = NOW.getEpochSecond() + 70L * 365 * 86_400 + 17L * 86_400; // 17 leap days 1900-1969
        assertThat(at(NOW.toString()).value()).isEqualTo(seconds1900).isEqualTo(4_004_545_825L);
    }

    @Test
    void responseIsFourBytesBigEndian() {
        ByteBuf message = at(NOW.toString()).respond(ByteBufAllocator.DEFAULT);
        assertThat(bytes(message)).containsExactly(NOW_BYTES);
        message.release();

        ByteBuf max = at("2036-02-07T06:28:15Z").respond(ByteBufAllocator.DEFAULT);
        assertThat(bytes(max)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
        max.release();
        ByteBuf wrapped = at("2036-02-07T06:28:17Z").respond(ByteBufAllocator.DEFAULT);
        assertThat(bytes(wrapped)).containsExactly(0, 0, 0, 1);
        wrapped.release();
    }

    @Test
    void tcpWritesFourBytesThenCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(tcpStages(at(NOW.toString())));
        ch.runPendingTasks();
        ByteBuf out = ch.readOutbound();
        assertThat(bytes(out)).containsExactly(NOW_BYTES);
        assertThat(out.getUnsignedInt(out.readerIndex())).isEqualTo(4_004_545_825L);
        out.release();
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void udpAnswersAnEmptyDatagramWithFourBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(udpStages(at(NOW.toString())));
        ByteBuf empty = Unpooled.buffer(0);
        ch.writeInbound(datagram(empty));
        assertThat(empty.refCnt()).isZero();
        DatagramPacket reply = ch.readOutbound();
        assertThat(reply.recipient()).isEqualTo(SENDER);
        assertThat(bytes(reply.content())).containsExactly(NOW_BYTES);
        reply.release();
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.finish()).isFalse();
    }
}
