package io.inetty.cli.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInboundHandlerAdapter;

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
    /** The current channel, null before the first connect. */
    volatile Channel channel;
    /** nanoTime since which this connection has been waiting for data without progress; 0 = not waiting. */
    volatile long waitingSince;
    /** Set (on the event loop) once the load starts: from then on a reopened connection starts at once. */
    volatile boolean started;

    Conn(Bench run, int id) {
        this.run = run;
        this.stats = run.stats;
        this.id = id;
    }

    /** Opens the connection before the load starts; null when there is nothing to open in advance (churn). */
    abstract ChannelFuture open();

    /** Starts the load; called on the event loop of the channel (or any loop, for churn). */
    abstract void start();

    /** Drops the current channel after a stall (the timeout is counted) and carries on. */
    abstract void restart();

    /** Ticker thread: counts a timeout and restarts if waiting without progress for more than {@code limit} ns. */
    void checkStall(long now, long limit) {
        long since = waitingSince;
        Channel ch = channel;
        if (since != 0 && ch != null && now - since > limit) {
            ch.eventLoop().execute(() -> {
                if (waitingSince == since && !run.stopping) {
                    stats.timeouts.increment();
                    waitingSince = 0;
                    restart();
                }
            });
        }
    }

    /** At the end: whether this connection has been waiting for data for more than {@code limit} ns. */
    boolean stalled(long now, long limit) {
        long since = waitingSince;
        return since != 0 && now - since > limit;
    }

    /** Closes the current channel (the run is stopping). */
    ChannelFuture close() {
        Channel ch = channel;
        return ch == null ? null : ch.close();
    }
}
