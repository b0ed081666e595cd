package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-connection stage: admission, counting, session limits, half-close, idle, drain, close reasons. */
class ConnectionTest {
    private final Metrics metrics = new Metrics();
    private final Connections registry = new Connections();

    /** Writes back what it reads. */
    static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }
    }

    static Connection.Shared shared(Metrics metrics, Connections registry, Limits limits, AccessPolicy access) {
        Service echo = TestServices.echo("echo");
        Endpoint endpoint = new Endpoint(ServiceBinding.of(echo, Transport.TCP, 7), InetEmbeddedChannel.LOCAL);
        return new Connection.Shared(endpoint, registry, new Admission(access, AddressFamily.ANY, limits), limits,
                metrics.counters("echo", Transport.TCP), false);
    }

    private EmbeddedChannel channel(Limits limits) {
        return new InetEmbeddedChannel(new Connection(shared(metrics, registry, limits, AccessPolicy.OPEN)), new Echo(),
                ErrorHandler.INSTANCE);
    }

    private ServiceStats stats() {
        return metrics.snapshot().of("echo", Transport.TCP);
    }

    private static byte[] drainOutbound(EmbeddedChannel ch) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            out.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    @Test
    void countsBytesAsTheyFlowAndTheReasonOnClose() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[23]));
        drainOutbound(ch);
        assertThat(stats().bytesIn()).as("live, before the close").isEqualTo(123);
        assertThat(stats().bytesOut()).isEqualTo(123);
        assertThat(stats().connectionsOpen()).isEqualTo(1);
        ConnectionInfo info = ConnectionInfo.of(ch);
        assertThat(info.bytesIn()).isEqualTo(123);
        assertThat(info.closeReason()).isNull();
        ch.close();
        assertThat(stats().closed(CloseReason.DONE)).isEqualTo(1);
        assertThat(stats().connectionsOpen()).isZero();
        assertThat(stats().connectionsAccepted()).isEqualTo(1);
        assertThat(info.closeReason()).isNull(); // no reason recorded: counted as done
    }

    @Test
    void infoDescribesTheConnection() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ConnectionInfo info = ConnectionInfo.of(ch);
        assertThat(info.service()).isEqualTo("echo");
        assertThat(info.transport()).isEqualTo(Transport.TCP);
        assertThat(info.socketPeer()).isEqualTo(InetEmbeddedChannel.PEER);
        assertThat(info.realPeer()).isEqualTo(InetEmbeddedChannel.PEER);
        assertThat(info.via()).isNull();
        assertThat(info.localAddress()).isEqualTo(InetEmbeddedChannel.LOCAL);
        assertThat(info.acceptedAt()).isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(ConnectionInfo.of(new EmbeddedChannel())).as("not a served connection").isNull();
        ch.close();
    }

    @Test
    void aRealPeerEventBeforeActiveDrivesAdmissionAndInfo() {
        InetSocketAddress client = new InetSocketAddress("203.0.113.7", 51_234);
        AccessPolicy onlyClient = AccessPolicy.of(java.util.List.of("203.0.113.0/24"), java.util.List.of());
        Connection c = new Connection(shared(metrics, registry, Limits.NONE, onlyClient));
        EmbeddedChannel ch = new InetEmbeddedChannel(InetEmbeddedChannel.PEER, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                // a PROXY-slot stage: reports the client, then lets channelActive go on
                ctx.fireUserEventTriggered(new RealPeer(client));
                ctx.fireChannelActive();
            }
        }, c, new Echo());
        assertThat(ch.isOpen()).as("the proxy (192.0.2.7) is not allowed, the client is").isTrue();
        assertThat(c.realPeer()).isEqualTo(client);
        assertThat(c.via()).isEqualTo(InetEmbeddedChannel.PEER);
        ch.close();
    }

    @Test
    void aDeniedPeerIsClosedBeforeTheServiceSeesIt() {
        AccessPolicy none = AccessPolicy.of(java.util.List.of(), java.util.List.of("0.0.0.0/0"));
        boolean[] active = {false};
        EmbeddedChannel ch = new InetEmbeddedChannel(new Connection(shared(metrics, registry, Limits.NONE, none)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        active[0] = true;
                    }
                });
        assertThat(ch.isOpen()).isFalse();
        assertThat(active[0]).isFalse();
        assertThat(stats().closed(CloseReason.DENIED)).isEqualTo(1);
        assertThat(stats().connectionsAccepted()).isZero();
        assertThat(registry.size()).isZero();
    }

    @Test
    void peerHalfCloseClosesAfterPendingWritesWhenNoStageTakesItOver() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.runPendingTasks();
        assertThat(drainOutbound(ch)).hasSize(10);
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats().closed(CloseReason.CLIENT_CLOSED)).isEqualTo(1);
    }

    @Test
    void aServiceThatConsumesTheHalfCloseKeepsTheConnection() {
        EmbeddedChannel ch = new InetEmbeddedChannel(new Connection(shared(metrics, registry, Limits.NONE,
                AccessPolicy.OPEN)), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        // a relay: carries the half-close on, and keeps writing
                    }
                }, ErrorHandler.INSTANCE);
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isTrue();
        ch.close();
    }

    @Test
    void sessionByteLimitPassesExactlyTheLimitThenCloses() {
        EmbeddedChannel ch = channel(Limits.builder().maxSessionBytes(1000).build());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[600]));
        assertThat(ch.isOpen()).isTrue();
        ByteBuf over = Unpooled.wrappedBuffer(new byte[600]);
        ch.writeInbound(over);
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(drainOutbound(ch)).as("exactly the limit, echoed").hasSize(1000);
        assertThat(over.refCnt()).isZero();
        assertThat(stats().closed(CloseReason.SESSION_LIMIT)).isEqualTo(1);
        assertThat(stats().bytesIn()).isEqualTo(1000);
    }

    @Test
    void sessionByteLimitCutsTheLastWrite() {
        // a generator writing 16 KiB chunks to a 100,000-byte limit: the peer gets exactly 100,000 bytes
        EmbeddedChannel ch = new InetEmbeddedChannel(new Connection(shared(metrics, registry,
                Limits.builder().maxSessionBytes(100_000).build(), AccessPolicy.OPEN)));
        for (int i = 0; i < 8; i++) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[16 * 1024]));
        }
        ch.runPendingTasks();
        assertThat(drainOutbound(ch)).hasSize(100_000);
        assertThat(ch.isOpen()).isFalse();
        assertThat(ConnectionInfo.of(ch).bytesOut()).isEqualTo(100_000);
    }

    @Test
    void sessionDurationLimitCloses() throws Exception {
        EmbeddedChannel ch = channel(Limits.builder().maxSession(Duration.ofMillis(50)).build());
        assertThat(ch.isOpen()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ch.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            ch.runScheduledPendingTasks();
            ch.runPendingTasks();
        }
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats().closed(CloseReason.SESSION_LIMIT)).isEqualTo(1);
    }

    @Test
    void idleEventCloses() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats().closed(CloseReason.IDLE)).isEqualTo(1);
    }

    @Test
    void drainFlushesThenEndsTheOutputThroughTheChannelsStrategy() {
        EmbeddedChannel ch = channel(Limits.NONE);
        boolean[] used = {false};
        OutputShutdown.set(ch, c -> {
            used[0] = true; // e.g. TLS: close_notify first
            return c.close();
        });
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[5]));
        Connection.drain(ch);
        ch.runPendingTasks();
        assertThat(used[0]).isTrue();
        assertThat(ch.isOpen()).isFalse();
        assertThat(drainOutbound(ch)).hasSize(5);
        assertThat(stats().bytesIn()).isEqualTo(5);
        assertThat(stats().closed(CloseReason.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void aConnectionThatBecomesActiveDuringTheStopIsDrainedNotServed() {
        registry.beginStop(new io.netty.channel.DefaultEventLoopGroup(1) {
            {
                shutdownGracefully(0, 0, TimeUnit.SECONDS);
            }
        });
        boolean[] active = {false};
        EmbeddedChannel ch = new InetEmbeddedChannel(new Connection(shared(metrics, registry, Limits.NONE,
                AccessPolicy.OPEN)), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        active[0] = true;
                    }
                });
        ch.runPendingTasks();
        assertThat(active[0]).isFalse();
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats().closed(CloseReason.SHUTDOWN)).isEqualTo(1);
    }

    @Test
    void controlClosesWithAReason() {
        EmbeddedChannel ch = channel(Limits.NONE);
        ConnectionControl.close(ch, CloseReason.PROTOCOL_ERROR);
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats().closed(CloseReason.PROTOCOL_ERROR)).isEqualTo(1);
    }

    @Test
    void aConnectionAStageClosesBeforeItIsActiveIsCountedOnceWithItsReason() {
        EmbeddedChannel ch = new InetEmbeddedChannel(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                // a PROXY-slot stage that got no header: channelActive never passes
                ConnectionControl.close(ctx.channel(), CloseReason.PROTOCOL_ERROR);
            }
        }, new Connection(shared(metrics, registry, Limits.NONE, AccessPolicy.OPEN)), new Echo());
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats().closed(CloseReason.PROTOCOL_ERROR)).isEqualTo(1);
        assertThat(stats().connectionsAccepted()).as("never admitted").isZero();
        assertThat(stats().connectionsOpen()).isZero();
    }

    @Test
    void aRefusedConnectionIsCountedOnce() {
        AccessPolicy none = AccessPolicy.of(java.util.List.of(), java.util.List.of("0.0.0.0/0"));
        EmbeddedChannel ch = new InetEmbeddedChannel(new Connection(shared(metrics, registry, Limits.NONE, none)));
        assertThat(ch.isOpen()).isFalse();
        assertThat(stats().closed(CloseReason.DENIED)).isEqualTo(1);
        assertThat(stats().closed(CloseReason.DONE)).isZero();
    }

    @Test
    void featuresAddFieldsToTheAccessLogLine() {
        try (AccessLines lines = new AccessLines()) {
            Connection.Shared s = shared(metrics, registry, Limits.NONE, AccessPolicy.OPEN);
            Connection.Shared logged = new Connection.Shared(s.endpoint(), s.registry(), s.admission(), s.limits(),
                    s.counters(), true);
            EmbeddedChannel ch = new InetEmbeddedChannel(new Connection(logged), new Echo());
            ConnectionControl.logField(ch, "tls", "TLSv1.3");
            ConnectionControl.logField(ch, "tls_client", "CN=a \"b\",O=c");
            ConnectionControl.logField(new EmbeddedChannel(), "ignored", "x"); // not a served connection: no effect
            ch.close();
            assertThat(lines.lines()).singleElement().asString()
                    .startsWith("tcp echo peer=192.0.2.7:40000 local=127.0.0.1:7 in=0 out=0 ms=")
                    .endsWith(" reason=done tls=TLSv1.3 tls_client=\"CN=a \\\"b\\\",O=c\"");
        }
    }
}
