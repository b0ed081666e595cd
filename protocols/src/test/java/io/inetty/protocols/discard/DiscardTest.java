package io.inetty.protocols.discard;

import static io.inetty.protocols.TestChannels.tcpHandler;
import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpHandler;
import static io.inetty.protocols.TestChannels.udpStages;

import static io.inetty.protocols.TestChannels.assertReleased;
import static io.inetty.protocols.TestChannels.datagram;
import static io.inetty.protocols.TestChannels.isSharable;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.Stages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.Test;

class DiscardTest {

    @Test
    void tcpWritesNothingAndReleasesInput() {
        assertThat(tcpHandler(new Discard())).isSameAs(Discard.Sink.INSTANCE);
        EmbeddedChannel ch = new EmbeddedChannel(tcpStages(new Discard()));
        ByteBuf a = Unpooled.copiedBuffer("some bytes", US_ASCII);
        ByteBuf b = Unpooled.directBuffer(8192).writeZero(8192);

        assertThat(ch.writeInbound(a, b)).as("nothing passed on").isFalse();
        ch.flush();

        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.inboundMessages()).isEmpty();
        assertReleased(a, b);
        assertThat(ch.isOpen()).as("the client decides when to close").isTrue();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void udpWritesNothingAndReleasesDatagrams() {
        EmbeddedChannel ch = new EmbeddedChannel(udpStages(new Discard()));
        ByteBuf a = Unpooled.copiedBuffer("datagram", US_ASCII);
        ByteBuf empty = Unpooled.buffer(0);
        DatagramPacket first = datagram(a);
        DatagramPacket second = datagram(empty);

        assertThat(ch.writeInbound(first, second)).isFalse();

        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.inboundMessages()).isEmpty();
        assertReleased(first, a, empty);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void sinkIsSharedAndSharable() {
        assertThat(udpHandler(new Discard())).isSameAs(Discard.Sink.INSTANCE);
        assertThat(isSharable(Discard.Sink.INSTANCE)).isTrue();
        assertThat(tcpHandler(new Discard())).isSameAs(tcpHandler(new Discard()));
    }
}
