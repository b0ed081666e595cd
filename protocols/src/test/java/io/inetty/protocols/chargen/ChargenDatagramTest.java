package io.inetty.protocols.chargen;

import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpStages;

import static io.inetty.protocols.TestChannels.OTHER_SENDER;
import static io.inetty.protocols.TestChannels.SENDER;
import static io.inetty.protocols.TestChannels.SERVER;
import static io.inetty.protocols.TestChannels.bytes;
import static io.inetty.protocols.TestChannels.datagram;
import static io.inetty.protocols.TestChannels.readReply;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChargenDatagramTest {

    @Test
    void repliesContinueThePatternWithSeededLengthsFrom1To512() {
        EmbeddedChannel ch = new EmbeddedChannel(udpStages(new Chargen(() -> new Random(42))));
        Random expected = new Random(42);
        byte[] stream = PatternTest.reference(0, 7030 + 512);
        int requests = 400;
        int offset = 0;
        int shortest = Integer.MAX_VALUE;
        int longest = -1;
        int shortOnes = 0;
        int longOnes = 0;
        long total = 0;
        for (int i = 0; i < requests; i++) {
            ByteBuf request = i % 2 == 0 ? Unpooled.buffer(0) : Unpooled.copiedBuffer("request " + i, US_ASCII);
            ch.writeInbound(datagram(request));
            assertThat(request.refCnt()).as("input released").isZero();

            DatagramPacket reply = ch.readOutbound();
            assertThat(reply).as("reply %d", i).isNotNull();
            assertThat(reply.recipient()).isEqualTo(SENDER);
            int length = reply.content().readableBytes();
            assertThat(length).isBetween(1, 512).isEqualTo(1 + expected.nextInt(512));
            byte[] expectedContent = java.util.Arrays.copyOfRange(stream, offset, offset + length);
            assertThat(bytes(reply.content())).as("reply %d continues the pattern", i).isEqualTo(expectedContent);
            reply.release();

            offset = (offset + length) % 7030;
            total += length;
            shortest = Math.min(shortest, length);
            longest = Math.max(longest, length);
            shortOnes += length < 64 ? 1 : 0;
            longOnes += length > 448 ? 1 : 0;
        }
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(shortOnes).as("short replies occur").isPositive();
        assertThat(longOnes).as("long replies occur").isPositive();
        assertThat(total).as("the stream wrapped past a period").isGreaterThan(7030);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void replyGoesToEachSenderAndIsFlushedOnReadComplete() {
        EmbeddedChannel ch = new EmbeddedChannel(udpStages(new Chargen(() -> new Random(7))));
        ch.writeOneInbound(datagram(Unpooled.buffer(0)));
        ch.writeOneInbound(new DatagramPacket(Unpooled.buffer(0), SERVER, OTHER_SENDER));
        assertThat(ch.outboundMessages()).isEmpty();
        ch.flushInbound();
        readReply(ch, SENDER);
        readReply(ch, OTHER_SENDER);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void eachSocketGetsItsOwnGenerator() {
        Chargen chargen = new Chargen(() -> new Random(42));
        EmbeddedChannel first = new EmbeddedChannel(udpStages(chargen));
        EmbeddedChannel second = new EmbeddedChannel(udpStages(chargen));
        assertThat(first.pipeline().last()).isNotSameAs(second.pipeline().last());
        for (int i = 0; i < 20; i++) {
            first.writeInbound(datagram(Unpooled.buffer(0)));
            second.writeInbound(datagram(Unpooled.buffer(0)));
            DatagramPacket a = first.readOutbound();
            DatagramPacket b = second.readOutbound();
            assertThat(a.content()).as("same seed, same state: same reply").isEqualTo(b.content());
            a.release();
            b.release();
        }
        assertThat(first.finish()).isFalse();
        assertThat(second.finish()).isFalse();
    }

}
