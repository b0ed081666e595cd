package io.inetty.faults;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * {@code limit_data}: passes exactly {@code bytes} bytes of its stream, then ends it, as Toxiproxy. Downstream, the
 * connection is closed (FIN) once those bytes are written. Upstream, the service reads exactly those bytes followed
 * by the end of input (as if the client had half-closed), later input is dropped, and the connection ends as it does
 * on a client's half-close: once the replies have left. A removed fault passes everything.
 */
final class LimitData extends TcpStage {
    private long left;
    private boolean done;

    LimitData(ActiveFault active, long index) {
        super(active, index);
        this.left = active.fault().count(Attr.BYTES);
    }

    @Override
    void data(ByteBuf buf, ChannelPromise promise) {
        if (done) {
            drop(buf, promise);
            return;
        }
        int n = buf.readableBytes();
        if (active.removed() || n < left) {
            left -= n;
            emit(buf, promise);
            return;
        }
        ByteBuf part = buf.readRetainedSlice((int) left);
        buf.release();
        left = 0;
        done = true;
        if (upstream) {
            emit(part, null);
            flushOut();
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            return;
        }
        ChannelPromise written = ctx.newPromise();
        written.addListener(f -> {
            if (promise != null) {
                if (f.isSuccess()) {
                    promise.trySuccess();
                } else {
                    promise.tryFailure(f.cause());
                }
            }
            faultClose(false);
        });
        emit(part, written);
        flushOut();
    }

    @Override
    void end(Runnable pass) {
        if (!done) {
            pass.run(); // after the limit, the end of input was already given
        }
    }
}
