package io.inetty.bench;

import io.netty.channel.ChannelHandlerContext;

/**
 * A TCP connection that writes continuously (stream, sink): while the channel is writable and {@link #writeOne}
 * has more, then one flush. A call made while pumping (writability turning back on inside the flush) makes the
 * running loop go round again instead of recursing.
 */
abstract class WriterConn extends TcpConn {
    private boolean pumping;
    private boolean again;

    WriterConn(Bench run, int id) {
        super(run, id);
    }

    /** Starts writing on a new channel, after {@link #reset}. */
    @Override
    final void begin(ChannelHandlerContext ctx) {
        reset();
        pump();
    }

    /** Resets the stream's state for a new channel. */
    abstract void reset();

    /** Writes one chunk and returns true, or returns false when there is nothing to write now. */
    abstract boolean writeOne();

    /** Runs before each flush of written chunks. */
    void beforeFlush() {
    }

    /** Writes what can be written now. */
    void pump() {
        if (pumping) {
            again = true;
            return;
        }
        pumping = true;
        try {
            do {
                again = false;
                boolean wrote = false;
                while (ctx.channel().isWritable() && writeOne()) {
                    wrote = true;
                }
                if (wrote) {
                    beforeFlush();
                    ctx.flush();
                }
            } while (again && ctx.channel().isActive());
        } finally {
            pumping = false;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && this.ctx == ctx) {
            pump();
        }
    }
}
