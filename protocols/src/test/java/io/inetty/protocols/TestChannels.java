package io.inetty.protocols;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.inetty.server.Service;
import io.inetty.server.Stages;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;

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
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                service.configureTcp(ch.pipeline());
            }
        };
    }

    /** An initializer that appends {@code service}'s UDP stages, as the server does for each datagram socket. */
    public static ChannelHandler udpStages(Service service) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                service.configureUdp(ch.pipeline());
            }
        };
    }

    /** The protocol stage ({@link Stages#HANDLER}) {@code service} adds to a new TCP pipeline. */
    public static ChannelHandler tcpHandler(Service service) {
        EmbeddedChannel ch = new EmbeddedChannel();
        service.configureTcp(ch.pipeline());
        ChannelHandler h = ch.pipeline().get(Stages.HANDLER);
        ch.finishAndReleaseAll();
        return h;
    }

    /** The protocol stage ({@link Stages#HANDLER}) {@code service} adds to a new UDP pipeline. */
    public static ChannelHandler udpHandler(Service service) {
        EmbeddedChannel ch = new EmbeddedChannel();
        service.configureUdp(ch.pipeline());
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

    /**
     * An outbound stage to put in front of (nearer the head than) the handler under test: it holds back
     * flushes until told, emulating a socket whose send buffer does not drain at once. Without it an
     * {@link EmbeddedChannel} writes every flushed message out immediately, so it never stays unwritable.
     */
    public static final class FlushValve extends ChannelOutboundHandlerAdapter {
        private ChannelHandlerContext ctx;
        private boolean open;
        private int writes;
        private long bytesWritten;
        private int heldFlushes;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            writes++;
            if (msg instanceof ByteBuf) {
                bytesWritten += ((ByteBuf) msg).readableBytes();
            } else if (msg instanceof ByteBufHolder) {
                bytesWritten += ((ByteBufHolder) msg).content().readableBytes();
            }
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            if (open) {
                ctx.flush();
            } else {
                heldFlushes++;
            }
        }

        /** Lets everything written so far out (one flush), leaving the valve closed. */
        public void drain() {
            heldFlushes = 0;
            ctx.flush();
        }

        /** Lets this and every later flush through. */
        public void open() {
            open = true;
            drain();
        }

        /** Messages written through this stage so far. */
        public int writes() {
            return writes;
        }

        /** Readable bytes written through this stage so far. */
        public long bytesWritten() {
            return bytesWritten;
        }

        /** Flushes held back since the last {@link #drain}. */
        public int heldFlushes() {
            return heldFlushes;
        }
    }

    /** Whether {@code handler}'s class is {@code @Sharable}. */
    public static boolean isSharable(ChannelHandler handler) {
        return handler.getClass().isAnnotationPresent(ChannelHandler.Sharable.class);
    }
}
