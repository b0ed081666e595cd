package io.inetty.protocols;

import static io.inetty.protocols.TestChannels.OTHER_SENDER;
import static io.inetty.protocols.TestChannels.SENDER;
import static io.inetty.protocols.TestChannels.SERVER;
import static io.inetty.protocols.TestChannels.assertSentThenClosed;
import static io.inetty.protocols.TestChannels.datagram;
import static io.inetty.protocols.TestChannels.readOutboundAscii;
import static io.inetty.protocols.TestChannels.readReplyAscii;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared shape of qotd, daytime and time, and the UDP reply helper. */
class OneShotTest {
    private final List<ByteBuf> made = new ArrayList<>();
    private int count;

    private final Responder responder = alloc -> {
        ByteBuf buf = alloc.buffer().writeBytes(("message " + ++count + "\r\n").getBytes(US_ASCII));
        made.add(buf);
        return buf;
    };

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> OneShot.tcp(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> OneShot.udp(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void handlersAreSharable() {
        assertThat(TestChannels.isSharable(OneShot.tcp(responder))).isTrue();
        assertThat(TestChannels.isSharable(OneShot.udp(responder))).isTrue();
    }

    @Test
    void tcpSendsOneMessageOnConnectThenClosesAndStillFiresActive() {
        boolean[] activeSeen = {false};
        EmbeddedChannel ch = new EmbeddedChannel(OneShot.tcp(responder), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                activeSeen[0] = true;
            }
        });
        ch.runPendingTasks();
        assertThat(readOutboundAscii(ch)).isEqualTo("message 1\r\n");
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertThat(activeSeen[0]).isTrue();
        assertThat(count).isEqualTo(1);
        assertThat(made).allMatch(b -> b.refCnt() == 0);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void tcpReleasesInputWhileTheMessageIsInFlight() {
        FlushValve socket = new FlushValve();
        EmbeddedChannel ch = new EmbeddedChannel(socket, OneShot.tcp(responder));
        ByteBuf input = Unpooled.copiedBuffer("ignored", US_ASCII);
        assertThat(ch.writeInbound(input)).isFalse();
        assertThat(input.refCnt()).isZero();
        assertThat(count).as("input does not trigger more messages").isEqualTo(1);
        assertThat(ch.isOpen()).isTrue();

        assertSentThenClosed(ch, socket, "message 1\r\n");
    }

    @Test
    void udpAnswersEveryDatagramToItsSenderFlushingOnReadComplete() {
        EmbeddedChannel ch = new EmbeddedChannel(OneShot.udp(responder));
        ByteBuf empty = Unpooled.buffer(0);
        ch.writeOneInbound(datagram(empty));
        ch.writeOneInbound(new DatagramPacket(Unpooled.copiedBuffer("x", US_ASCII), SERVER, OTHER_SENDER));
        assertThat(empty.refCnt()).isZero();
        assertThat(ch.outboundMessages()).as("not flushed before read complete").isEmpty();

        ch.flushInbound();
        assertThat(readReplyAscii(ch, SENDER)).isEqualTo("message 1\r\n");
        assertThat(readReplyAscii(ch, OTHER_SENDER)).isEqualTo("message 2\r\n");
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void udpReplyQueuesWithoutFlushing() {
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = ch.pipeline().firstContext();
        DatagramPacket request = datagram(Unpooled.buffer(0));

        ByteBuf content = Unpooled.copiedBuffer("reply", US_ASCII);
        Udp.reply(ctx, request, content);
        assertThat(ch.outboundMessages()).isEmpty();
        ch.flush();
        DatagramPacket reply = ch.readOutbound();
        assertThat(reply.recipient()).isEqualTo(SENDER);
        assertThat(reply.content()).isSameAs(content);
        reply.release();

        request.release();
        assertThat(ch.finish()).isFalse();
    }
}
