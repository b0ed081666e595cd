package io.inetty.admin;

import io.inetty.admin.http.Response;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * An admin {@link Response} as Netty's HTTP/1.1 message: its length (none for a 204), {@code Cache-Control: no-store},
 * {@code X-Content-Type-Options: nosniff}, its own headers, and never a CORS header.
 */
final class Messages {
    private Messages() {
    }

    /** The message of {@code r}; without its body for a HEAD request; {@code Connection: close} if asked. */
    static FullHttpResponse of(Response r, boolean head, boolean close) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
        if (r.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        if (r.status().code() != HttpResponseStatus.NO_CONTENT.code()) {
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        }
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set("X-Content-Type-Options", "nosniff");
        r.headers().forEach(res.headers()::set);
        if (close) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return res;
    }
}
