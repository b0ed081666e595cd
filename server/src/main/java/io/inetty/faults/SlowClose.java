package io.inetty.faults;

import io.inetty.server.OutputShutdown;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.PromiseNotifier;

/**
 * {@code slow_close}: the end of its stream is passed on {@code delay} late, as Toxiproxy. Downstream, the server's
 * close or half-close (through {@link OutputShutdown}) reaches the client late; upstream, the client's end of input
 * reaches the service late. Data passes untouched; a connection another fault ends is not held back.
 */
final class SlowClose extends TcpStage {
    SlowClose(ActiveFault active, long index) {
        super(active, index);
    }

    @Override
    void data(ByteBuf buf, ChannelPromise promise) {
        emit(buf, promise);
    }

    @Override
    void started() {
        if (upstream) {
            return;
        }
        Channel ch = ctx.channel();
        OutputShutdown inner = OutputShutdown.of(ch);
        OutputShutdown.set(ch, c -> {
            if (!holds()) {
                return inner.shutdownOutput(c);
            }
            ChannelPromise done = c.newPromise();
            later(() -> PromiseNotifier.cascade(inner.shutdownOutput(c), done));
            return done;
        });
    }

    @Override
    void end(Runnable pass) {
        if (holds()) {
            later(pass);
        } else {
            pass.run();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!upstream && holds()) {
            later(() -> ctx.close(promise));
        } else {
            ctx.close(promise);
        }
    }

    private boolean holds() {
        return !active.removed() && !faultClosing();
    }

    /** Runs {@code task} after the delay (a pending close still runs if the connection ends meanwhile: harmless). */
    private void later(Runnable task) {
        schedule(task, fault().nanos(Attr.DELAY));
    }
}
