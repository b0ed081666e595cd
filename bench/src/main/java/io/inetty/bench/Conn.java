package io.inetty.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * One logical connection of a run (a TCP connection kept open and reopened after an error, a churn worker,
 * or a connected UDP socket). It is the handler of its current channel: {@code @Sharable} only because the
 * same instance goes into the pipeline of each channel it opens in turn, never into two at once. Its state
 * is touched by the event loop of its current channel; the ticker thread reads only the volatile fields.
 */
@Sharable
abstract class Conn extends ChannelInboundHandlerAdapter {
    final Bench run;
    final Stats stats;
    final int id;
    /** Message or chunk bytes of the run. */
    final int size;
    /** The timetable of {@code --rate} (pingpong), null to send as fast as answers come. */
    final Pacer pacer;
    /** Request modes: the number of the last request, and where its latency is measured from (nanoTime). */
    long seq;
    long t0;
    /** The current channel, null before the first connect. */
    volatile Channel channel;
    /** This handler's context in the current channel (event loop only). */
    ChannelHandlerContext ctx;
    /** nanoTime since which this connection has been waiting for data without progress; 0 = not waiting. */
    volatile long waitingSince;
    /** Set (on the event loop) once the load starts: from then on a reopened connection starts at once. */
    volatile boolean started;
    /** A request sent in the measurement window awaits its answer. */
    volatile boolean pending;
    /** Some answer came back, warmup included (a run without any is an error). */
    volatile boolean replied;

    Conn(Bench run, int id) {
        this.run = run;
        this.stats = run.stats;
        this.id = id;
        this.size = run.config.size;
        this.pacer = run.config.rate > 0 ? Pacer.of(0, run.config.rate, run.config.connections, id) : null;
    }

    /** Opens the connection (TCP, or a connected UDP socket); churn opens one per cycle and nothing in advance. */
    ChannelFuture open() {
        return (run.config.udp ? run.udp(this) : run.tcp(this)).connect(run.config.target);
    }

    /** Starts the load, the {@code --rate} timetable from now; on the channel's event loop (any loop for churn). */
    final void start() {
        started = true;
        if (pacer != null) {
            pacer.shift(run.loadStart);
        }
        load();
    }

    /** Puts this connection to work (see {@link #start}). */
    abstract void load();

    /** Drops the current channel after a stall (the timeout is counted) and carries on. */
    abstract void restart();

    /**
     * Takes the new channel when this handler joins its pipeline (at registration, before the connect): the run
     * reads {@link #channel} as soon as the connect succeeds, which can be before {@code channelActive} has run.
     */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        channel = ctx.channel();
    }

    /** A request goes out now (it counts if the window is open). */
    void requested() {
        pending = stats.request();
    }

    /** The request was answered and verified: {@code size} bytes, {@code latency} ns. */
    void answered(long size, long latency) {
        replied = true;
        stats.message(size, latency, pending && !run.stopping);
        pending = false;
    }

    /** Runs {@code send} now, or when due under {@code --rate}; it gets the time latency is measured from. */
    void paced(EventExecutor loop, LongConsumer send) {
        if (pacer == null) {
            send.accept(System.nanoTime());
            return;
        }
        if (stats.measuring) {
            pacer.openWindow(System.nanoTime());
        }
        long wait = pacer.due() - System.nanoTime();
        if (wait > 0) {
            loop.schedule(() -> send.accept(pacer.advance()), wait, TimeUnit.NANOSECONDS);
        } else {
            send.accept(pacer.advance());
        }
    }

    /** Ticker thread: counts a timeout and restarts if waiting without progress for more than {@code limit} ns. */
    void checkStall(long now, long limit) {
        long since = waitingSince;
        Channel ch = channel;
        if (since != 0 && ch != null && now - since > limit) {
            ch.eventLoop().execute(() -> {
                if (waitingSince == since && !run.stopping) {
                    stats.timeouts.increment();
                    waitingSince = 0;
                    pending = false;
                    restart();
                }
            });
        }
    }

    /**
     * At the end, once the loops are quiet: a request of the window still unanswered (a timeout; UDP: lost), a
     * connection waiting for more than a second (a timeout), no reply at all in the whole run (an error).
     */
    void settle(long now) {
        if (pending) {
            missing().increment();
            pending = false;
        } else if (waitingSince != 0 && now - waitingSince > 1_000_000_000L) {
            stats.timeouts.increment();
        }
        if (!replied && run.config.mode.expectsReplies()) {
            stats.noReply.increment();
        }
    }

    /** What an answer still missing at the end counts as: a timeout (UDP: a lost datagram). */
    LongAdder missing() {
        return stats.timeouts;
    }

    /** Closes the current channel (the run is stopping). */
    ChannelFuture close() {
        Channel ch = channel;
        return ch == null ? null : ch.close();
    }
}
