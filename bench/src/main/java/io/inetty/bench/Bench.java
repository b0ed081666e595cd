package io.inetty.bench;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Endpoint;
import io.inetty.server.IoTransport;
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
import io.netty.util.concurrent.EventExecutor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One bench run: a Netty client on {@code threads} event loops of the native transport, {@code connections}
 * connections opened before the load starts, then warmup, then the measurement window ({@link Window});
 * progress once a second. Everything is closed at the end, whatever happened.
 */
public final class Bench {
    final BenchConfig config;
    final Stats stats = new Stats();
    final Payload payload;
    /** Set once the run is over: channel ends are no longer errors, nothing reconnects. */
    volatile boolean stopping;
    /** nanoTime when the load started (the origin of the --rate timetables). */
    volatile long loadStart;

    private final IoTransport io;
    private final EventLoopGroup group;
    private final Bootstrap tcp;
    private final Bootstrap udp;

    /** Prepares the run (event loops, bootstraps); throws an {@code InettyException} if the transport cannot run. */
    public Bench(BenchConfig config) {
        this.config = requireNonNull(config, "config");
        this.io = config.transport.resolve();
        this.group = new MultiThreadIoEventLoopGroup(config.threads, io.handlerFactory());
        this.payload = new Payload(Math.max(config.size, 1));
        this.tcp = new Bootstrap().group(group).channelFactory(io.socketChannel(config.address()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, BenchConfig.CONNECT_TIMEOUT_MILLIS);
        this.udp = new Bootstrap().group(group).channelFactory(io.datagramChannel(config.address()))
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(Math.min(65536, Math.max(2048, config.size + 1))));
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

    /**
     * Runs the whole thing; progress lines go to {@code progress} unless null. Throws {@link CannotStartException}
     * if the target does not take the connections.
     */
    public Result run(PrintWriter progress) {
        try {
            List<Conn> conns = connect();
            return new Window(this, conns, progress).measure();
        } finally {
            stopping = true;
            if (group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
                payload.release(); // no loop can write a slice of it any more
            }
        }
    }

    private List<Conn> connect() {
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < config.connections; i++) {
            conns.add(newConn(i));
        }
        List<ChannelFuture> opening = new ArrayList<>();
        if (config.mode == Mode.CHURN) {
            opening.add(tcp(new ChannelInboundHandlerAdapter()).connect(config.target));
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
                String where = Endpoint.format(config.target);
                boolean literal = config.host.indexOf(':') >= 0 || config.host.matches("[0-9.]+");
                throw new CannotStartException("cannot connect to " + (literal ? where : config.host + " (" + where
                        + ")") + ": " + ConnectFailures.describe(f.cause()));
            }
        }
        if (config.mode == Mode.CHURN) {
            opening.get(0).channel().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        return conns;
    }

    private Conn newConn(int id) {
        switch (config.mode) {
            case PINGPONG:
                return config.udp ? new UdpConn(this, id) : new PingPongConn(this, id);
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

    /** Runs an empty task on every event loop and waits for it: what the loops did before is visible after. */
    void quiesce() {
        for (EventExecutor loop : group) {
            loop.submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    /** One of the event loops (for a connection that has no channel yet: churn). */
    EventExecutor anyLoop() {
        return group.next();
    }

    /** The transport the client runs on ({@code epoll}, {@code io_uring}, {@code nio}). */
    String transport() {
        return io.label();
    }
}
