package io.inetty.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/** Small services for the server and feature tests (the server module must not depend on the protocols module). */
public final class TestServices {
    private TestServices() {
    }

    /** Echo on TCP and UDP: TCP writes back every byte, UDP returns each datagram to {@code packet.sender()}. */
    public static Service echo(String name) {
        return new Simple(name, EnumSet.allOf(Transport.class), () -> Echo.INSTANCE, Echo.INSTANCE);
    }

    /** Echo on one transport only. */
    public static Service echo(String name, Transport only) {
        return new Simple(name, EnumSet.of(only), () -> Echo.INSTANCE, Echo.INSTANCE);
    }

    /** TCP only: writes {@code line} on connect, discards input, never closes by itself. */
    public static Service greeter(String name, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return new Simple(name, EnumSet.of(Transport.TCP), () -> new Writer(bytes), null);
    }

    /** TCP only: writes {@code size} bytes of {@link #pattern(int)} on connect, discards input, never closes. */
    public static Service bulk(String name, int size) {
        byte[] bytes = patternBytes(size);
        return new Simple(name, EnumSet.of(Transport.TCP), () -> new Writer(bytes), null);
    }

    /** The byte at offset {@code i} of the bulk service's output. */
    public static byte pattern(int i) {
        return (byte) (i % 251);
    }

    /** The first {@code size} bytes of {@link #pattern(int)}. */
    public static byte[] patternBytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = pattern(i);
        }
        return bytes;
    }

    private record Simple(String name, Set<Transport> transports, Supplier<ChannelHandler> tcp, ChannelHandler udp)
            implements Service {
        @Override
        public int defaultPort() {
            return 0;
        }

        @Override
        public void configureTcp(ChannelPipeline pipeline) {
            pipeline.addLast(Stages.HANDLER, tcp.get());
        }

        @Override
        public void configureUdp(ChannelPipeline pipeline) {
            if (udp == null) {
                throw new UnsupportedOperationException(name + " has no UDP handler");
            }
            pipeline.addLast(Stages.HANDLER, udp);
        }
    }

    /** Writes back what it reads: the bytes of a connection, or each datagram's data to its sender. */
    @Sharable
    static final class Echo extends ChannelInboundHandlerAdapter {
        static final Echo INSTANCE = new Echo();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DatagramPacket packet) {
                ctx.writeAndFlush(new DatagramPacket(packet.content(), packet.sender()));
            } else {
                ctx.write(msg, ctx.voidPromise());
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    /** Writes fixed bytes once the connection is active; discards whatever the peer sends. */
    static final class Writer extends ChannelInboundHandlerAdapter {
        private final byte[] bytes;

        Writer(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            ctx.writeAndFlush(buf);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
