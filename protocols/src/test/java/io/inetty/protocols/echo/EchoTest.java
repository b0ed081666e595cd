package io.inetty.protocols.echo;

import static io.inetty.protocols.TestChannels.tcpHandler;
import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpHandler;
import static io.inetty.protocols.TestChannels.udpStages;

import static io.inetty.protocols.TestChannels.OTHER_SENDER;
import static io.inetty.protocols.TestChannels.SENDER;
import static io.inetty.protocols.TestChannels.SERVER;
import static io.inetty.protocols.TestChannels.assertReleased;
import static io.inetty.protocols.TestChannels.bytes;
import static io.inetty.protocols.TestChannels.datagram;
import static io.inetty.protocols.TestChannels.drainOutboundBytes;
import static io.inetty.protocols.TestChannels.isSharable;
import static io.inetty.protocols.TestChannels.readReply;
import static io.inetty.protocols.TestChannels.readReplyAscii;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.FlushValve;
import io.inetty.server.Stages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EchoTest {

    /** A connection with echo's TCP stages. */
    private static EmbeddedChannel tcp() {
        return new EmbeddedChannel(tcpStages(new Echo()));
    }

    /** A datagram socket with echo's UDP stages. */
    private static EmbeddedChannel udp() {
        return new EmbeddedChannel(udpStages(new Echo()));
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    // ---- TCP ----

    @Test
    void tcpHandlerIsTheSharedEchoStage() {
        assertThat(tcpHandler(new Echo())).isSameAs(Echo.TcpEcho.INSTANCE);
    }

    @Test
    void tcpWritesBackTheSameBufferAndFlushesOnReadComplete() {
        EmbeddedChannel ch = tcp();
        ByteBuf first = Unpooled.copiedBuffer("hello, ", US_ASCII);
        ByteBuf second = Unpooled.copiedBuffer("world\r\n", US_ASCII);

        ch.writeOneInbound(first);
        ch.writeOneInbound(second);
        assertThat(ch.outboundMessages()).as("not flushed before read complete").isEmpty();

        ch.flushInbound(); // channelReadComplete
        ByteBuf out1 = ch.readOutbound();
        ByteBuf out2 = ch.readOutbound();
        assertThat(out1).isSameAs(first);
        assertThat(out2).isSameAs(second);
        assertThat(out1.toString(US_ASCII)).isEqualTo("hello, ");
        assertThat(out2.toString(US_ASCII)).isEqualTo("world\r\n");
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.inboundMessages()).as("nothing passed on").isEmpty();
        out1.release();
        out2.release();
        assertReleased(first, second);
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void tcpEchoesArbitraryBinaryDataUnchanged() {
        EmbeddedChannel ch = tcp();
        byte[] data = randomBytes(100_000, 1);
        ch.writeInbound(Unpooled.wrappedBuffer(data));
        ByteBuf out = ch.readOutbound();
        assertThat(bytes(out)).isEqualTo(data);
        out.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void tcpStopsReadingWhileUnwritableAndResumesWhenWritable() {
        FlushValve slowSocket = new FlushValve();
        EmbeddedChannel ch = new EmbeddedChannel(slowSocket, tcpStages(new Echo()));
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 2048));

        // A small burst stays under the high-water mark: reading goes on.
        ch.writeInbound(Unpooled.wrappedBuffer(randomBytes(10, 2)));
        assertThat(ch.isWritable()).isTrue();
        assertThat(ch.config().isAutoRead()).isTrue();

        // A burst the socket cannot take: the echo is queued, the channel turns unwritable, reading stops.
        ch.writeInbound(Unpooled.wrappedBuffer(randomBytes(4096, 3)));
        assertThat(slowSocket.heldFlushes()).as("flushed on read complete").isPositive();
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isWritable()).isFalse();
        assertThat(ch.config().isAutoRead()).isFalse();

        // The socket drains: writable again, reading resumes.
        slowSocket.drain();
        ch.runPendingTasks();
        assertThat(ch.isWritable()).isTrue();
        assertThat(ch.config().isAutoRead()).isTrue();

        ByteBuf small = ch.readOutbound();
        ByteBuf big = ch.readOutbound();
        assertThat(bytes(small)).isEqualTo(randomBytes(10, 2));
        assertThat(bytes(big)).isEqualTo(randomBytes(4096, 3));
        small.release();
        big.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void tcpAutoReadFollowsUserDefinedWritability() {
        EmbeddedChannel ch = tcp();
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(ch.isWritable()).isFalse();
        assertThat(ch.config().isAutoRead()).as("only a read burst turns reading off").isTrue();

        ch.writeInbound(Unpooled.copiedBuffer("x", US_ASCII));
        assertThat(ch.config().isAutoRead()).isFalse();

        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        ch.runPendingTasks();
        assertThat(ch.isWritable()).isTrue();
        assertThat(ch.config().isAutoRead()).isTrue();

        assertThat(new String(drainOutboundBytes(ch), US_ASCII)).isEqualTo("x");
        assertThat(ch.finish()).isFalse();
    }

    // ---- UDP ----

    @Test
    void udpHandlerIsShared() {
        assertThat(udpHandler(new Echo())).isSameAs(Echo.UdpEcho.INSTANCE);
        assertThat(isSharable(Echo.UdpEcho.INSTANCE)).isTrue();
    }

    @Test
    void udpAnswersTheSenderWithIdenticalContent() {
        EmbeddedChannel ch = udp();
        ByteBuf content = Unpooled.copiedBuffer("ping 1", US_ASCII);
        ch.writeInbound(datagram(content));

        assertThat(readReplyAscii(ch, SENDER)).isEqualTo("ping 1");
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.inboundMessages()).isEmpty();
        assertThat(content.refCnt()).as("request released once the reply is").isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void udpAnswersAMaximumSizeDatagram() {
        EmbeddedChannel ch = udp();
        byte[] data = randomBytes(65_507, 4); // largest UDP payload over IPv4
        ByteBuf content = Unpooled.wrappedBuffer(data);
        ch.writeInbound(datagram(content));

        assertThat(readReply(ch, SENDER)).hasSize(65_507).isEqualTo(data);
        assertThat(content.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void udpAnswersAnEmptyDatagramWithAnEmptyOne() {
        EmbeddedChannel ch = udp();
        ByteBuf content = Unpooled.buffer(0);
        ch.writeInbound(datagram(content));
        assertThat(readReply(ch, SENDER)).isEmpty();
        assertThat(content.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void udpAnswersEachSenderAndFlushesOnReadComplete() {
        EmbeddedChannel ch = udp();
        ch.writeOneInbound(datagram(Unpooled.copiedBuffer("a", US_ASCII)));
        ch.writeOneInbound(new DatagramPacket(Unpooled.copiedBuffer("b", US_ASCII), SERVER, OTHER_SENDER));
        assertThat(ch.outboundMessages()).isEmpty();

        ch.flushInbound();
        assertThat(readReplyAscii(ch, SENDER)).isEqualTo("a");
        assertThat(readReplyAscii(ch, OTHER_SENDER)).isEqualTo("b");
        assertThat(ch.finish()).isFalse();
    }

}
