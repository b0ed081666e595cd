package io.inetty.bench;

import io.inetty.protocols.chargen.ChargenPattern;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * TCP source (chargen): reads as fast as the server writes and checks every byte of each connection against
 * RFC 864's pattern ({@link ChargenPattern}, which finds its place in the pattern by itself).
 */
final class SourceConn extends TcpConn {
    private ChargenPattern checker;

    SourceConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        checker = new ChargenPattern();
        super.channelActive(ctx);
    }

    @Override
    void begin(ChannelHandlerContext ctx) {
        waitingSince = System.nanoTime();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (checker == null) {
                return; // already failed: this channel is closing
            }
            if (!checker.feed(in)) {
                checker = null;
                fail(ctx, stats.mismatches);
                return;
            }
            replied = true;
            stats.bytes(in.readableBytes());
            if (started) {
                waitingSince = System.nanoTime();
            }
        } finally {
            in.release();
        }
    }
}
