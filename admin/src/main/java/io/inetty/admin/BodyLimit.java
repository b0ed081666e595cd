package io.inetty.admin;

import io.inetty.admin.http.Response;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Netty's aggregator with the admin's body limit: a request announcing or sending more is answered 413 with
 * Toxiproxy's error body, and its connection closed (whatever it sends next is never read).
 */
final class BodyLimit extends HttpObjectAggregator {
    BodyLimit(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        Response r = Response.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "request body too large (expected: at most " + maxContentLength() + " bytes)");
        ctx.writeAndFlush(Messages.of(r, false, true)).addListener(ChannelFutureListener.CLOSE);
    }
}
