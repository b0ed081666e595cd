package io.inetty.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import java.net.PortUnreachableException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * UDP pingpong (echo) on one connected socket: each datagram is a slice of the pattern headed by its sequence
 * number, this socket's id and a magic number; the next one goes when the echo is back and checked, or when
 * {@link BenchConfig#UDP_TIMEOUT_NANOS} has passed (lost). An echo of an earlier datagram is late; anything
 * else is a mismatch. ICMP port unreachable is counted as refused.
 */
final class UdpConn extends Conn {
    static final int HEADER = 16;
    static final int MAGIC = 0x52464338; // "RFC8", as loadgen

    private ByteBuf expected;
    private long sentAt;
    private boolean waiting;

    UdpConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    void load() {
        ctx.executor().scheduleAtFixedRate(this::tick, 10, 10, TimeUnit.MILLISECONDS);
        next();
    }

    private void next() {
        paced(ctx.executor(), this::send);
    }

    private void send(long from) {
        if (run.stopping || !ctx.channel().isActive()) {
            return;
        }
        seq++;
        expected = datagram(seq);
        t0 = from;
        sentAt = System.nanoTime();
        waiting = true;
        requested();
        ctx.writeAndFlush(expected.duplicate(), ctx.voidPromise());
    }

    private ByteBuf datagram(long s) {
        byte[] bytes = run.payload.bytes(Payload.messageOffset(id, s), size);
        ByteBuf b = Unpooled.wrappedBuffer(bytes);
        b.setLong(0, s).setInt(8, id).setInt(12, MAGIC);
        return Unpooled.unreleasableBuffer(b);
    }

    private void tick() {
        if (waiting && System.nanoTime() - sentAt > BenchConfig.UDP_TIMEOUT_NANOS) {
            waiting = false;
            if (pending && !run.stopping) {
                stats.lost.increment();
            }
            pending = false;
            next();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            ByteBuf in = packet.content();
            int n = in.readableBytes();
            if (waiting && n == size && ByteBufUtil.equals(in, in.readerIndex(), expected, 0, size)) {
                waiting = false;
                answered(size, System.nanoTime() - t0);
                next();
            } else if (isEarlier(in, n)) {
                if (stats.measuring) {
                    stats.late.increment();
                }
            } else if (!run.stopping) {
                stats.mismatches.increment();
            }
        } finally {
            packet.release();
        }
    }

    /** Whether the datagram is the intact echo of an earlier datagram of this socket. */
    private boolean isEarlier(ByteBuf in, int n) {
        if (n != size) {
            return false;
        }
        int at = in.readerIndex();
        long s = in.getLong(at);
        return in.getInt(at + 8) == id && in.getInt(at + 12) == MAGIC && s > 0 && s < seq
                && run.payload.matches(in, at + HEADER, Payload.messageOffset(id, s) + HEADER, size - HEADER);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (run.stopping) {
            return;
        }
        if (cause instanceof PortUnreachableException) {
            stats.refused.increment();
        } else {
            stats.connErrors.increment();
        }
    }

    @Override
    void restart() {
        // never stalls: a datagram without an answer is lost after its own timeout
    }

    @Override
    LongAdder missing() {
        return stats.lost;
    }
}
