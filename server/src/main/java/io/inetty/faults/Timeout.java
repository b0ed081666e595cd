package io.inetty.faults;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * {@code timeout}: drops all data of its stream and closes the connection {@code timeout} after it opened (0 = holds
 * it open forever), as Toxiproxy. Removing the fault also closes the connection at its next data (as Toxiproxy's
 * cleanup does: the stream lost data, so it must not go on as if nothing happened).
 */
final class Timeout extends TcpStage {
    private ScheduledFuture<?> timer;

    Timeout(ActiveFault active, long index) {
        super(active, index);
    }

    @Override
    void started() {
        long timeout = fault().nanos(Attr.TIMEOUT);
        if (timeout > 0) {
            timer = schedule(() -> faultClose(false), timeout);
        }
    }

    @Override
    void data(ByteBuf buf, ChannelPromise promise) {
        drop(buf, promise);
        if (active.removed()) {
            faultClose(false);
        }
    }

    @Override
    void stopped() {
        cancel(timer);
    }
}
