package io.inetty.faults;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.AttributeKey;

/**
 * What the fault stages of one connection hold in one direction, bounded: above {@link #HIGH} bytes the source is
 * paused (upstream: the socket's reads stop; downstream: the channel reads as unwritable, so a well-behaved writer
 * such as echo, chargen or the relay stops), below {@link #LOW} it resumes.
 */
final class Backlog {
    /** Enough for 20 MB/s under 200 ms of latency; the most one direction of a connection holds (plus one read). */
    static final long HIGH = 4L << 20;
    static final long LOW = 2L << 20;
    /** The user-defined writability bit of held downstream bytes (the server's own stage uses 31). */
    static final int WRITABILITY_BIT = 30;
    private static final AttributeKey<Backlog> UP = AttributeKey.valueOf(Backlog.class, "up");
    private static final AttributeKey<Backlog> DOWN = AttributeKey.valueOf(Backlog.class, "down");

    private final Channel channel;
    private final boolean upstream;
    private long bytes;
    private boolean paused;

    private Backlog(Channel channel, boolean upstream) {
        this.channel = channel;
        this.upstream = upstream;
    }

    /** The backlog of one direction of {@code channel}, shared by its fault stages. */
    static Backlog of(Channel channel, boolean upstream) {
        AttributeKey<Backlog> key = upstream ? UP : DOWN;
        Backlog b = channel.attr(key).get();
        if (b == null) {
            b = new Backlog(channel, upstream);
            channel.attr(key).set(b);
        }
        return b;
    }

    void add(long n) {
        bytes += n;
        if (paused) {
            pause(true); // another stage may have turned reads back on meanwhile
        } else if (bytes > HIGH) {
            paused = true;
            pause(true);
        }
    }

    void remove(long n) {
        bytes -= n;
        if (paused && bytes < LOW) {
            paused = false;
            pause(false);
        }
    }

    long bytes() {
        return bytes;
    }

    private void pause(boolean on) {
        if (upstream) {
            channel.config().setAutoRead(!on);
            return;
        }
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out != null) {
            out.setUserDefinedWritability(WRITABILITY_BIT, !on);
        }
    }
}
