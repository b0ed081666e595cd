package io.inetty.faults;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * {@code reset_peer}: at the first data of its stream (or the end of the upstream), drops it and all that follows,
 * and {@code timeout} later resets the connection: SO_LINGER 0 then close, so the client reads ECONNRESET, not EOF
 * (as Toxiproxy). A fault removed before it fired lets data pass again.
 */
final class ResetPeer extends TcpStage {
    private ScheduledFuture<?> timer;
    private boolean armed;

    ResetPeer(ActiveFault active, long index) {
        super(active, index);
    }

    @Override
    void data(ByteBuf buf, ChannelPromise promise) {
        if (!armed && active.removed()) {
            emit(buf, promise);
            return;
        }
        drop(buf, promise);
        arm();
    }

    @Override
    void end(Runnable pass) {
        if (!armed && active.removed()) {
            pass.run();
            return;
        }
        arm();
    }

    private void arm() {
        if (!armed) {
            armed = true;
            timer = schedule(() -> faultClose(true), fault().nanos(Attr.TIMEOUT));
        }
    }

    @Override
    void stopped() {
        cancel(timer);
    }
}
