package io.inetty.proxy;

import io.inetty.server.CloseReason;
import io.inetty.server.ConnectionControl;
import io.inetty.server.RealPeer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage after Netty's decoder on a trusted connection ({@code inetty.proxy}, one per connection): holds
 * {@code channelActive} until the header is read, reports the client it names with a {@link RealPeer} event,
 * then lets {@code channelActive} pass and leaves the pipeline. No valid header within the timeout, or a bad
 * one, ends the connection as a protocol error.
 */
final class ProxyHeader extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ProxyHeader.class);

    private final long timeoutMillis;
    private ScheduledFuture<?> timer;
    /**
     * Whether the header was refused (later reads are dropped). Once it is read this stage is gone: it removes itself,
     * and the decoder before it hands what followed the header to the stage after it.
     */
    private boolean failed;

    ProxyHeader(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Held: the connection stage admits the connection once the real client is known.
        timer = ctx.executor().schedule(() -> fail(ctx, "no PROXY header within " + timeoutMillis + " ms"),
                timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed || !(msg instanceof HAProxyMessage)) {
            ReferenceCountUtil.release(msg); // bytes left by a failed decoder on a closing connection
            return;
        }
        HAProxyMessage header = (HAProxyMessage) msg;
        InetSocketAddress client;
        try {
            client = client(header);
        } finally {
            header.release();
        }
        cancel();
        if (client != null) {
            ctx.fireUserEventTriggered(new RealPeer(client));
        }
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }

    /** The client a PROXY command names, or null for LOCAL, UNKNOWN or a Unix socket (the proxy itself talks). */
    static InetSocketAddress client(HAProxyMessage header) {
        if (header.command() != HAProxyCommand.PROXY) {
            return null;
        }
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        if (family != HAProxyProxiedProtocol.AddressFamily.AF_IPv4 && family != HAProxyProxiedProtocol.AddressFamily.AF_IPv6) {
            return null;
        }
        InetAddress ip = NetUtil.createInetAddressFromIpAddressString(header.sourceAddress());
        return ip == null ? null : new InetSocketAddress(ip, header.sourcePort());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HAProxyProtocolException) {
            fail(ctx, cause.getMessage() == null ? cause.toString() : cause.getMessage());
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            fail(ctx, "the client closed before its PROXY header"); // not a client-closed connection: never served
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        if (failed) {
            return;
        }
        failed = true;
        cancel();
        log.debug("{}: PROXY header refused: {}", ctx.channel(), why);
        ConnectionControl.close(ctx.channel(), CloseReason.PROTOCOL_ERROR);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
