package io.inetty.cli.bench;

import io.netty.channel.ChannelHandlerContext;
import java.util.function.BooleanSupplier;

/**
 * The write loop of the streaming modes: write while the channel is writable and the writer has more,
 * then flush once. A call made while pumping (writability turning back on inside the flush) makes the
 * running loop go round again instead of recursing.
 */
final class Pump {
    private final BooleanSupplier writeOne;
    private final Runnable beforeFlush;
    private boolean pumping;
    private boolean again;

    /** {@code writeOne} writes one chunk and returns true, or returns false when it has nothing to write. */
    Pump(BooleanSupplier writeOne, Runnable beforeFlush) {
        this.writeOne = writeOne;
        this.beforeFlush = beforeFlush;
    }

    void run(ChannelHandlerContext ctx) {
        if (pumping) {
            again = true;
            return;
        }
        pumping = true;
        try {
            do {
                again = false;
                boolean wrote = false;
                while (ctx.channel().isWritable() && writeOne.getAsBoolean()) {
                    wrote = true;
                }
                if (wrote) {
                    beforeFlush.run();
                    ctx.flush();
                }
            } while (again && ctx.channel().isActive());
        } finally {
            pumping = false;
        }
    }
}
