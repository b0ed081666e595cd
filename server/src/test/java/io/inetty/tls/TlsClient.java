package io.inetty.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

/** A Netty TLS client for the tests: sees what the server sends, its certificate, and whether it sent close_notify. */
public final class TlsClient implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final Channel channel;
    private final SslHandler ssl;

    public TlsClient(SslContext context, InetSocketAddress server) throws InterruptedException {
        this(context, server, null);
    }

    /** A client that sends {@code prefix} (e.g. a PROXY header) in clear before its handshake. */
    public TlsClient(SslContext context, InetSocketAddress server, byte[] prefix) throws InterruptedException {
        SslHandler[] made = new SslHandler[1];
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                made[0] = context.newHandler(ch.alloc(), "localhost", server.getPort());
                if (prefix != null) {
                    ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            ctx.writeAndFlush(Unpooled.wrappedBuffer(prefix));
                            ctx.fireChannelActive();
                        }
                    });
                }
                ch.pipeline().addLast(made[0], new SimpleChannelInboundHandler<ByteBuf>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                        synchronized (received) {
                            received.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(msg));
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close(); // a failed handshake: the test reads it from the handshake future
                    }
                });
            }
        }).connect(server).sync().channel();
        ssl = made[0];
    }

    /** Waits for the handshake; throws its failure. */
    public TlsClient handshake() throws Exception {
        if (!ssl.handshakeFuture().await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("no handshake within 5 s");
        }
        if (!ssl.handshakeFuture().isSuccess()) {
            throw new Exception(ssl.handshakeFuture().cause());
        }
        return this;
    }

    public X509Certificate serverCertificate() throws Exception {
        return (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
    }

    public String protocol() {
        return ssl.engine().getSession().getProtocol();
    }

    public void send(byte[] bytes) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
    }

    /** Waits until {@code n} bytes came, returns them. */
    public byte[] await(int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            synchronized (received) {
                if (received.size() >= n) {
                    return received.toByteArray();
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("got " + received.size() + " of " + n + " bytes within 5 s");
    }

    /** Whether the server sent close_notify within 5 s. */
    public boolean closeNotifyReceived() throws InterruptedException {
        return ssl.sslCloseFuture().await(5, TimeUnit.SECONDS) && ssl.sslCloseFuture().isSuccess();
    }

    /** Whether the connection is closed within 5 s. */
    public boolean closed() throws InterruptedException {
        return channel.closeFuture().await(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
