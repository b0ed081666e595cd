package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-connection stage: counting, session limits, half-close, idle, close reasons. */
class ConnectionTest {
    private final Metrics metrics = new Metrics();

    /** Writes back what it reads. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    private EmbeddedChannel channel(Limits limits) {
        Connection.Shared shared = new Connection.Shared("echo", new Connections(metrics.open),
                new Admission(AccessPolicy.OPEN, AddressFamily.ANY, limits, metrics), limits, metrics,
                metrics.service("echo", Transport.TCP));
        return new EmbeddedChannel(new Connection(shared), new Echo());
    }

    private static void drainOutbound(EmbeddedChannel ch) {
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            b.release();
        }
    }

    @Test
    void countsBytesAndReasonOnClose() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[23]));
        drainOutbound(ch);
        ch.close();
        assertThat(metrics.snapshot()).containsEntry("echo.tcp.bytes_in", 123L).containsEntry("echo.tcp.bytes_out", 123L)
                .containsEntry("connections.closed.done", 1L);
    }

    @Test
    void peerHalfCloseClosesAfterPendingWrites() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.runPendingTasks();
        ByteBuf echoed = ch.readOutbound();
        assertThat(echoed.readableBytes()).isEqualTo(10);
        echoed.release();
        drainOutbound(ch);
        assertThat(ch.isOpen()).isFalse();
        assertThat(metrics.count(CloseReason.CLIENT_CLOSED)).isEqualTo(1);
    }

    @Test
    void sessionByteLimitCloses() {
        EmbeddedChannel ch = channel(new Limits(0, 0, 0, Duration.ZERO, Duration.ZERO, 1000));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[600]));
        assertThat(ch.isOpen()).isTrue();
        ByteBuf over = Unpooled.wrappedBuffer(new byte[600]);
        ch.writeInbound(over);
        assertThat(over.refCnt()).isZero();
        assertThat(ch.isOpen()).isFalse();
        drainOutbound(ch);
        assertThat(metrics.count(CloseReason.SESSION_LIMIT)).isEqualTo(1);
    }

    @Test
    void sessionDurationLimitCloses() throws Exception {
        EmbeddedChannel ch = channel(new Limits(0, 0, 0, Duration.ZERO, Duration.ofMillis(50), 0));
        assertThat(ch.isOpen()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ch.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            ch.runScheduledPendingTasks();
        }
        assertThat(ch.isOpen()).isFalse();
        assertThat(metrics.count(CloseReason.SESSION_LIMIT)).isEqualTo(1);
    }

    @Test
    void idleEventCloses() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(ch.isOpen()).isFalse();
        assertThat(metrics.count(CloseReason.IDLE)).isEqualTo(1);
    }

    @Test
    void drainFlushesThenEndsWithReasonShutdown() {
        // EmbeddedChannel cannot half-close, so the drain closes it once the flush is done.
        EmbeddedChannel ch = channel(Limits.NONE);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[5]));
        Connection.drain(ch);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        ByteBuf echoed = ch.readOutbound();
        assertThat(echoed.readableBytes()).isEqualTo(5);
        echoed.release();
        drainOutbound(ch);
        assertThat(metrics.snapshot()).containsEntry("echo.tcp.bytes_in", 5L).containsEntry("connections.closed.shutdown", 1L);
    }
}
