package io.inetty.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * TCP source (chargen): reads as fast as the server writes and checks every byte of each connection against
 * RFC 864's pattern, from its first byte (the checker finds its place in the pattern by itself).
 */
final class SourceConn extends TcpConn {
    private ChargenChecker checker;

    SourceConn(Bench run, int id) {
        super(run, id);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        checker = new ChargenChecker();
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
            stats.bytes(in.readableBytes());
            if (started) {
                waitingSince = System.nanoTime();
            }
        } finally {
            in.release();
        }
    }
}
