package io.inetty.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayList;
import java.util.List;

/**
 * One admin connection on an {@link EmbeddedChannel} (the admin's real pipeline, a mock clock), spoken to through
 * Netty's HTTP client codec on a second embedded channel; worker requests run on the calling thread.
 */
final class AdminChannel implements AutoCloseable {
    final MockTicker ticker = Ticker.newMockTicker();
    final EmbeddedChannel server;
    private final EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 22));

    AdminChannel(AdminServer admin) {
        server = EmbeddedChannel.builder().register(false).ticker(ticker).build();
        server.config().setAutoRead(false);
        AdminInitializer.configure(server, admin);
        try {
            server.register();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A request with a JSON (or any) body, null for none. */
    static FullHttpRequest request(HttpMethod method, String uri, String body) {
        ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, UTF_8);
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, content);
        r.headers().set(HttpHeaderNames.HOST, "localhost").setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        return r;
    }

    /** Sends one request and returns its response (the caller releases it), or null if none came. */
    FullHttpResponse exchange(FullHttpRequest request) {
        client.writeOutbound(request);
        ByteBuf bytes;
        while ((bytes = client.readOutbound()) != null) {
            if (server.isOpen()) {
                server.writeInbound(bytes);
            } else {
                bytes.release(); // the server closed (e.g. after a 413): the rest is never read
            }
        }
        return responses().stream().findFirst().orElse(null);
    }

    FullHttpResponse exchange(HttpMethod method, String uri, String body) {
        return exchange(request(method, uri, body));
    }

    /** Raw bytes from the client (no client-side codec). */
    void raw(String text) {
        server.writeInbound(Unpooled.copiedBuffer(text, UTF_8));
        server.runPendingTasks();
    }

    /** Every response the server wrote so far, decoded. */
    List<FullHttpResponse> responses() {
        server.runPendingTasks();
        ByteBuf out;
        while ((out = server.readOutbound()) != null) {
            client.writeInbound(out);
        }
        List<FullHttpResponse> all = new ArrayList<>();
        FullHttpResponse r;
        while ((r = client.readInbound()) != null) {
            all.add(r);
        }
        return all;
    }

    @Override
    public void close() {
        server.finishAndReleaseAll();
        client.finishAndReleaseAll();
    }
}
