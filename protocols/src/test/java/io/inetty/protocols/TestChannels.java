package io.inetty.protocols;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.inetty.server.Service;
import io.inetty.server.Stages;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/** Helpers shared by the protocol tests. */
public final class TestChannels {
    /** Where test datagrams come from. */
    public static final InetSocketAddress SENDER = new InetSocketAddress("192.0.2.10", 40_000);
    /** Another client. */
    public static final InetSocketAddress OTHER_SENDER = new InetSocketAddress("198.51.100.20", 50_000);
    /** The server socket test datagrams arrive on. */
    public static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 10_007);

    private TestChannels() {
    }

    /** An initializer that appends {@code service}'s TCP stages, as the server does for each connection. */
    public static ChannelHandler tcpStages(Service service) {
        return stages(Service::configureTcp, service);
    }

    /** An initializer that appends {@code service}'s UDP stages, as the server does for each datagram socket. */
    public static ChannelHandler udpStages(Service service) {
        return stages(Service::configureUdp, service);
    }

    /** The protocol stage ({@link Stages#HANDLER}) {@code service} adds to a new TCP pipeline. */
    public static ChannelHandler tcpHandler(Service service) {
        return handler(Service::configureTcp, service);
    }

    /** The protocol stage ({@link Stages#HANDLER}) {@code service} adds to a new UDP pipeline. */
    public static ChannelHandler udpHandler(Service service) {
        return handler(Service::configureUdp, service);
    }

    private static ChannelHandler stages(BiConsumer<Service, ChannelPipeline> configure, Service service) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                configure.accept(service, ch.pipeline());
            }
        };
    }

    private static ChannelHandler handler(BiConsumer<Service, ChannelPipeline> configure, Service service) {
        EmbeddedChannel ch = new EmbeddedChannel();
        configure.accept(service, ch.pipeline());
        ChannelHandler h = ch.pipeline().get(Stages.HANDLER);
        ch.finishAndReleaseAll();
        return h;
    }

    /** A datagram from {@link #SENDER} to {@link #SERVER}. */
    public static DatagramPacket datagram(ByteBuf content) {
        return new DatagramPacket(content, SERVER, SENDER);
    }

    /** The readable bytes of {@code buf}, without changing its indexes. */
    public static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    /** Reads every outbound message (ByteBufs only), returns their concatenated bytes, releases them. */
    public static byte[] drainOutboundBytes(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = ch.readOutbound()) != null; ) {
            try {
                if (!(msg instanceof ByteBuf)) {
                    throw new AssertionError("expected a ByteBuf, got " + msg);
                }
                out.writeBytes(bytes((ByteBuf) msg));
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out.toByteArray();
    }

    /** Reads one outbound ByteBuf (asserting there is one), returns its text, releases it. */
    public static String readOutboundAscii(EmbeddedChannel ch) {
        ByteBuf buf = ch.readOutbound();
        if (buf == null) {
            throw new AssertionError("expected an outbound ByteBuf, got none");
        }
        try {
            return buf.toString(US_ASCII);
        } finally {
            buf.release();
        }
    }

    /** Asserts that every one of {@code messages} has been released. */
    public static void assertReleased(ReferenceCounted... messages) {
        for (int i = 0; i < messages.length; i++) {
            assertThat(messages[i].refCnt()).as("message %d released", i + 1).isZero();
        }
    }

    /** Lets the writes {@code socket} holds out, then asserts the connection closed once it sent {@code expected}. */
    public static void assertSentThenClosed(EmbeddedChannel ch, FlushValve socket, String expected) {
        socket.drain();
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(readOutboundAscii(ch)).isEqualTo(expected);
        assertThat(ch.finish()).isFalse();
    }

    /** Reads one outbound datagram (asserting there is one, to {@code recipient}), returns its bytes, releases it. */
    public static byte[] readReply(EmbeddedChannel ch, InetSocketAddress recipient) {
        DatagramPacket reply = ch.readOutbound();
        if (reply == null) {
            throw new AssertionError("expected a datagram to " + recipient + ", got none");
        }
        try {
            assertThat(reply.recipient()).as("recipient").isEqualTo(recipient);
            return bytes(reply.content());
        } finally {
            reply.release();
        }
    }

    /** {@link #readReply} as US-ASCII text. */
    public static String readReplyAscii(EmbeddedChannel ch, InetSocketAddress recipient) {
        return new String(readReply(ch, recipient), US_ASCII);
    }

    /** Whether {@code handler}'s class is {@code @Sharable}. */
    public static boolean isSharable(ChannelHandler handler) {
        return handler.getClass().isAnnotationPresent(ChannelHandler.Sharable.class);
    }
}
