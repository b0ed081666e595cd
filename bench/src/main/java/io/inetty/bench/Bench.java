package io.inetty.cli.bench;

import io.inetty.server.IoSupport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One bench run: a Netty client on {@code threads} event loops of the native transport, {@code connections}
 * connections opened before the load starts, then warmup, then the measurement window; progress once a second.
 * Everything is closed at the end, whatever happened.
 */
final class Bench {
    private static final long SECOND = 1_000_000_000L;

    final BenchConfig config;
    final Stats stats = new Stats();
    final Payload payload;
    /** Set once the run is over: channel ends are no longer errors, nothing reconnects. */
    volatile boolean stopping;
    /** nanoTime when the load started (the origin of the --rate timetables). */
    volatile long loadStart;

    private final IoSupport io;
    private final EventLoopGroup group;
    private final Bootstrap tcp;
    private final Bootstrap udp;

    Bench(BenchConfig config) {
        this.config = config;
        this.io = IoSupport.select(config.transport());
        this.payload = new Payload(Math.max(config.size(), 1));
        this.group = new MultiThreadIoEventLoopGroup(config.threads(), io.handlerFactory());
        this.tcp = new Bootstrap().group(group).channelFactory(io.socketChannel(config.address()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, BenchConfig.CONNECT_TIMEOUT_MILLIS);
        this.udp = new Bootstrap().group(group).channelFactory(io.datagramChannel(config.address()))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(Math.min(65536, Math.max(2048, config.size() + 1))));
    }

    /** A TCP bootstrap whose channels get {@code handler}. */
    Bootstrap tcp(ChannelHandler handler) {
        return tcp.clone().handler(handler);
    }

    /** A UDP bootstrap whose channels get {@code handler}. */
    Bootstrap udp(ChannelHandler handler) {
        return udp.clone().handler(handler);
    }

    /** Runs {@code task} on the channel's event loop after the reconnect pause (not once the loops stop). */
    void later(Channel channel, Runnable task) {
        try {
            channel.eventLoop().schedule(task, BenchConfig.RECONNECT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Runs the whole thing; progress lines go to {@code progress} unless null. */
    Result run(PrintWriter progress) throws CannotStartException {
        try {
            List<Conn> conns = connect();
            return measure(conns, progress);
        } finally {
            stopping = true;
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private List<Conn> connect() throws CannotStartException {
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < config.connections(); i++) {
            Pacer pacer = config.rate() > 0 ? Pacer.of(0, config.rate(), config.connections(), i) : null;
            conns.add(newConn(i, pacer));
        }
        List<ChannelFuture> opening = new ArrayList<>();
        if (config.mode() == Mode.CHURN) {
            opening.add(tcp(new ChannelInboundHandlerAdapter()).connect(config.target()));
        }
        for (Conn c : conns) {
            ChannelFuture f = c.open();
            if (f != null) {
                opening.add(f);
            }
        }
        for (ChannelFuture f : opening) {
            f.awaitUninterruptibly(BenchConfig.CONNECT_TIMEOUT_MILLIS + 2000L);
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                throw new CannotStartException("cannot connect to " + config.host() + " (" + config.target() + "): "
                        + (cause == null ? "timed out" : cause.getMessage()));
            }
        }
        if (config.mode() == Mode.CHURN) {
            opening.get(0).channel().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        return conns;
    }

    private Conn newConn(int id, Pacer pacer) {
        switch (config.mode()) {
            case PINGPONG:
                return config.udp() ? new UdpConn(this, id, pacer) : new PingPongConn(this, id, pacer);
            case STREAM:
                return new StreamConn(this, id);
            case CHURN:
                return new ChurnConn(this, id);
            case SINK:
                return new SinkConn(this, id);
            default:
                return new SourceConn(this, id);
        }
    }

    private Result measure(List<Conn> conns, PrintWriter progress) {
        long t0 = System.nanoTime();
        loadStart = t0;
        for (Conn c : conns) {
            (c.channel != null ? c.channel.eventLoop() : group.next()).execute(c::start);
        }
        long warmEnd = t0 + config.warmup().toNanos();
        long end = warmEnd + config.duration().toNanos();
        Histogram interval = null;
        Histogram second = new Histogram(3);
        Histogram total = new Histogram(3);
        long windowStart = t0;
        long nextTick = t0 + SECOND;
        long lastTick = t0;
        long lastMessages = 0;
        long lastBytes = 0;
        boolean warm = false;
        long now;
        while (true) {
            now = System.nanoTime();
            long wake = Math.min(Math.min(nextTick, end), warm ? Long.MAX_VALUE : warmEnd);
            if (now < wake) {
                LockSupport.parkNanos(wake - now);
                continue;
            }
            if (!warm && now >= warmEnd) {
                interval = stats.latency.getIntervalHistogram(interval);
                second.add(interval); // warmup latencies: progress only
                stats.measuring = true;
                windowStart = now;
                warm = true;
            }
            if (now >= nextTick) {
                interval = stats.latency.getIntervalHistogram(interval);
                second.add(interval);
                total.add(interval);
                long messages = stats.progressMessages.sum();
                long bytes = stats.progressBytes.sum();
                if (progress != null) {
                    progress.println(progressLine((nextTick - t0) / SECOND, nextTick <= warmEnd,
                            messages - lastMessages, bytes - lastBytes, now - lastTick, second));
                    progress.flush();
                }
                second.reset();
                lastMessages = messages;
                lastBytes = bytes;
                lastTick = now;
                nextTick += SECOND;
                for (Conn c : conns) {
                    c.checkStall(now, BenchConfig.TCP_TIMEOUT_NANOS);
                }
            }
            if (now >= end) {
                break;
            }
        }
        stats.measuring = false;
        interval = stats.latency.getIntervalHistogram(interval);
        total.add(interval);
        for (Conn c : conns) {
            if (c.stalled(now, SECOND)) {
                stats.timeouts.increment(); // waiting for more than a second at the end, as loadgen
            }
        }
        stopping = true;
        for (Conn c : conns) {
            ChannelFuture f = c.close();
            if (f != null) {
                f.awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
        }
        return new Result(config, io.label(), now - windowStart, stats, config.mode().latency ? total : null);
    }

    private String progressLine(long at, boolean warmup, long messages, long bytes, long nanos, Histogram h) {
        double seconds = nanos / 1e9;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4ds", at));
        if (config.mode().bulk()) {
            line.append(String.format(Locale.ROOT, "  %,10.1f MB/s", bytes / seconds / 1e6));
        } else {
            line.append(String.format(Locale.ROOT, "  %,10.0f %s", messages / seconds, config.mode().rateUnit(config.udp())));
            line.append(String.format(Locale.ROOT, "  p99 %,7.0f us", h.getValueAtPercentile(99) / 1e3));
        }
        line.append("  errors ").append(stats.errors());
        if (config.udp()) {
            line.append("  lost ").append(stats.lost.sum());
        }
        if (warmup) {
            line.append("  (warmup)");
        }
        return line.toString();
    }
}
