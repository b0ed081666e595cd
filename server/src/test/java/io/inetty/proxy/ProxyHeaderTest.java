package io.inetty.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.InetEmbeddedChannel;
import io.inetty.server.RealPeer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The TCP header stage: holds channelActive, reports the client, releases the header, times out, refuses. */
class ProxyHeaderTest {
    /** What reaches the stages after the PROXY slot, in order. */
    private final List<Object> seen = new ArrayList<>();
    private final List<HAProxyMessage> headers = new ArrayList<>();

    private InetEmbeddedChannel channel() {
        InetEmbeddedChannel ch = new InetEmbeddedChannel(new HAProxyMessageDecoder(ProxyProtocol.MAX_TLV_BYTES),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        if (msg instanceof HAProxyMessage) {
                            headers.add((HAProxyMessage) msg); // to check it is released
                        }
                        ctx.fireChannelRead(msg);
                    }
                }, new ProxyHeader(Duration.ofSeconds(3)), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        seen.add("active");
                    }

                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        seen.add(evt);
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        seen.add(((ByteBuf) msg).toString(US_ASCII));
                        ((ByteBuf) msg).release();
                    }
                });
        ch.freezeTime();
        return ch;
    }

    @Test
    void v1ReportsTheClientThenLetsTheConnectionBecomeActiveThenLeaves() {
        InetEmbeddedChannel ch = channel();
        assertThat(seen).as("held until the header is read").isEmpty();
        ch.writeInbound(Unpooled.copiedBuffer("PROXY TCP4 203.0.113.7 10.0.0.5 51234 4242\r\nhel", US_ASCII));
        ch.writeInbound(Unpooled.copiedBuffer("lo", US_ASCII));
        assertThat(seen).containsExactly(new RealPeer(new InetSocketAddress("203.0.113.7", 51_234)), "active", "hel", "lo");
        assertThat(headers).singleElement().satisfies(h -> assertThat(h.refCnt()).isZero());
        assertThat(ch.pipeline().get(HAProxyMessageDecoder.class)).as("the decoder left").isNull();
        assertThat(ch.pipeline().get(ProxyHeader.class)).as("the header stage left").isNull();
        ch.advanceTimeBy(10, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("no timeout once the header was read").isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void v2OverIpv6AndTheProxysOwnLocalConnections() {
        InetEmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.wrappedBuffer(Headers.v2(HAProxyProxiedProtocol.TCP6, "2001:db8::7", 40_000)));
        assertThat(seen).containsExactly(new RealPeer(new InetSocketAddress("2001:db8::7", 40_000)), "active");
        ch.finishAndReleaseAll();
        seen.clear();
        InetEmbeddedChannel local = channel();
        local.writeInbound(Unpooled.wrappedBuffer(Headers.v2(HAProxyCommand.LOCAL, HAProxyProxiedProtocol.UNKNOWN,
                null, 0, null, 0)));
        assertThat(seen).as("LOCAL: a health check of the proxy itself, no client to report").containsExactly("active");
        local.finishAndReleaseAll();
        seen.clear();
        InetEmbeddedChannel unknown = channel();
        unknown.writeInbound(Unpooled.copiedBuffer("PROXY UNKNOWN\r\n", US_ASCII));
        assertThat(seen).containsExactly("active");
        unknown.finishAndReleaseAll();
    }

    @Test
    void noHeaderWithinTheTimeoutClosesTheConnectionUnserved() {
        InetEmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("PROXY TCP4 203.0", US_ASCII)); // truncated, then silence
        ch.advanceTimeBy(2999, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(seen).isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void aClientThatHalfClosesBeforeItsHeaderIsRefused() {
        InetEmbeddedChannel ch = channel();
        ch.writeInbound(Unpooled.copiedBuffer("hello\n", US_ASCII));
        ch.pipeline().fireUserEventTriggered(io.netty.channel.socket.ChannelInputShutdownEvent.INSTANCE);
        assertThat(ch.isOpen()).isFalse();
        assertThat(seen).as("neither the data nor the half-close reach the connection stage").isEmpty();
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedAndOversizedHeadersCloseTheConnectionAndTheirBytesGoNowhere() {
        for (byte[] bad : new byte[][] {
                "PROXY TCP4 203.0.113.7 10.0.0.5 port 4242\r\nsecret".getBytes(US_ASCII),
                "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII),
                ("PROXY TCP4 " + "1".repeat(120) + "\r\n").getBytes(US_ASCII),
                Headers.v2(HAProxyCommand.PROXY, HAProxyProxiedProtocol.TCP4, "203.0.113.7", 1, "10.0.0.5",
                        ProxyProtocol.MAX_TLV_BYTES + 300)}) {
            seen.clear();
            InetEmbeddedChannel ch = channel();
            ch.writeInbound(Unpooled.wrappedBuffer(bad));
            assertThat(ch.isOpen()).as(new String(bad, 0, 20, US_ASCII)).isFalse();
            assertThat(seen).isEmpty();
            ch.finishAndReleaseAll();
        }
        InetEmbeddedChannel ok = channel();
        ok.writeInbound(Unpooled.wrappedBuffer(Headers.v2(HAProxyCommand.PROXY, HAProxyProxiedProtocol.TCP4,
                "203.0.113.7", 1, "10.0.0.5", ProxyProtocol.MAX_TLV_BYTES)));
        assertThat(seen).as("TLVs up to the limit are fine").hasSize(2);
        ok.finishAndReleaseAll();
    }
}
