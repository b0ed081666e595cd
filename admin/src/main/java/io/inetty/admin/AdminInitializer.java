package io.inetty.admin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of an admin connection, read one request at a time (auto-read off; the socket is read again once the
 * previous response has left): Netty's HTTP codec (request line at most 4 KiB, headers 8 KiB), keep-alive, the
 * 64 KiB body limit (413), the handler. Connections beyond the bound are closed at accept.
 */
@ChannelHandler.Sharable
final class AdminInitializer extends ChannelInitializer<Channel> {
    /** The admin pipeline's stage names. */
    static final String CODEC = "inetty.admin.codec";
    static final String KEEP_ALIVE = "inetty.admin.keepalive";
    static final String BODY = "inetty.admin.body";
    static final String HANDLER = "inetty.admin.handler";
    static final int MAX_LINE = 4096;
    static final int MAX_HEADERS = 8192;

    private static final Logger log = LoggerFactory.getLogger("inetty.admin");

    private final AdminServer admin;
    private final AtomicInteger open = new AtomicInteger();

    AdminInitializer(AdminServer admin) {
        this.admin = admin;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (open.incrementAndGet() > admin.options.maxConnections()) {
            open.decrementAndGet();
            log.debug("admin: connection from {} closed: {} admin connections open", ch.remoteAddress(),
                    admin.options.maxConnections());
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        admin.channels.add(ch);
        configure(ch, admin);
    }

    /** The stages of one admin connection (also used by the tests on an embedded channel). */
    static void configure(Channel ch, AdminServer admin) {
        ch.pipeline().addLast(CODEC, new HttpServerCodec(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_LINE).setMaxHeaderSize(MAX_HEADERS)))
                .addLast(KEEP_ALIVE, new HttpServerKeepAliveHandler())
                .addLast(BODY, new BodyLimit(AdminOptions.MAX_BODY))
                .addLast(HANDLER, new AdminHandler(admin));
    }
}
