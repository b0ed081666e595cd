package io.inetty.relay;

import io.inetty.server.CloseReason;
import io.inetty.server.ConnectionControl;
import io.inetty.server.IoTransport;
import io.inetty.server.OutputShutdown;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one relayed TCP connection (the relay's service stage, stateful). Once the client is admitted
 * it stops reading, connects the upstream on the client's event loop and resumes when connected. Data is written to
 * the other side; a side's reads pause while the other side is unwritable. The client's end of input is consumed
 * here and carried on as the upstream's output shutdown, and the upstream's as the client's; both ends done, both
 * close. A refused or unreachable upstream resets the client (RST): the client learns the connection failed, as a
 * refused connection would have told it, and cannot mistake it for an empty answer.
 */
final class TcpRelay extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TcpRelay.class);
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Upstream target;
    ChannelHandlerContext client;
    Channel upstream;
    /** What the client sent before the upstream was connected (at most one read). */
    private List<Object> pending = new ArrayList<>();
    private boolean clientEnded;
    boolean upstreamEnded;

    TcpRelay(Upstream target) {
        this.target = target;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx;
        Channel ch = ctx.channel();
        ch.config().setAutoRead(false);
        InetSocketAddress address = target.resolve();
        if (address.isUnresolved()) {
            log.debug("{}: upstream {} does not resolve", ch, target);
            refused();
            ctx.fireChannelActive();
            return;
        }
        // No TCP_NODELAY option: Netty turns it on for every client socket on Linux, as for accepted ones (Binder).
        new Bootstrap().group(ch.eventLoop())
                .channelFactory(IoTransport.of(ch).socketChannel(address.getAddress()))
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new UpstreamSide(this))
                .connect(address).addListener((ChannelFuture f) -> connected(f));
        ctx.fireChannelActive();
    }

    private void connected(ChannelFuture f) {
        if (!f.isSuccess()) {
            log.debug("{}: upstream {} failed: {}", client.channel(), target, f.cause().toString());
            refused();
            return;
        }
        upstream = f.channel();
        if (!client.channel().isActive()) {
            upstream.close();
            return;
        }
        pending.forEach(upstream::write);
        pending = null;
        upstream.flush();
        if (clientEnded) {
            endUpstreamOutput();
        } else {
            client.channel().config().setAutoRead(true);
        }
        upstream.config().setAutoRead(true);
    }

    /** Resets the client: SO_LINGER 0, then close. */
    private void refused() {
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
        }
        Channel ch = client.channel();
        ch.config().setOption(ChannelOption.SO_LINGER, 0);
        ConnectionControl.close(ch, CloseReason.ERROR);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (upstream == null) {
            if (pending != null) {
                pending.add(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        upstream.write(msg, upstream.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (upstream == null) {
            return;
        }
        upstream.flush();
        if (!upstream.isWritable()) {
            ctx.channel().config().setAutoRead(false); // resumed when the upstream drains
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (upstream != null && ctx.channel().isWritable() && !upstreamEnded) {
            upstream.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof ChannelInputShutdownEvent)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        // Consumed: the relay carries the half-close on instead of the server closing the connection.
        clientEnded = true;
        if (upstream != null) {
            endUpstreamOutput();
        }
    }

    private void endUpstreamOutput() {
        Channel up = upstream;
        up.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (up instanceof DuplexChannel && up.isActive()) {
                ((DuplexChannel) up).shutdownOutput().addListener(x -> closeIfDone());
            }
        });
    }

    /** The upstream ended its output: end the client's, after what the upstream sent. */
    void upstreamEnded() {
        upstreamEnded = true;
        Channel ch = client.channel();
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (ch.isActive()) {
                OutputShutdown.of(ch).shutdownOutput(ch).addListener(x -> closeIfDone());
            }
        });
    }

    /** Both ends done: close both. */
    private void closeIfDone() {
        if (clientEnded && upstreamEnded) {
            upstream.close();
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The upstream closed (or failed, with {@code reset}): close the client the same way, after what it sent. */
    void upstreamClosed(boolean reset) {
        Channel ch = client.channel();
        if (!ch.isActive()) {
            return;
        }
        if (reset) {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
            ConnectionControl.close(ch, CloseReason.ERROR);
            return;
        }
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.forEach(ReferenceCountUtil::release);
            pending.clear();
        }
        if (upstream != null) {
            upstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        ctx.fireChannelInactive();
    }
}
