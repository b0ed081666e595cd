package io.inetty.protocols.chargen;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * One TCP connection's generator (stateful: its stream offset). Writes slices of the shared pattern while
 * the channel is writable, then flushes and waits for writability, so a slow reader costs no memory
 * beyond the write buffer's high-water mark. Input is ignored.
 */
final class ChargenStream extends ChannelInboundHandlerAdapter {
    private int offset;
    private boolean scheduled;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        generate(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !scheduled) {
            // Not inline: writability can turn back on inside our own flush.
            scheduled = true;
            ctx.executor().execute(() -> {
                scheduled = false;
                generate(ctx);
            });
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void generate(ChannelHandlerContext ctx) {
        Channel ch = ctx.channel();
        if (!ch.isActive() || ch instanceof DuplexChannel && ((DuplexChannel) ch).isOutputShutdown()) {
            return;
        }
        boolean wrote = false;
        while (ch.isWritable()) {
            ctx.write(Pattern.slice(offset, Pattern.CHUNK), ctx.voidPromise());
            offset = (offset + Pattern.CHUNK) % Pattern.PERIOD;
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }
}
