package io.inetty.tls;

import io.inetty.server.CloseReason;
import io.inetty.server.ConnectionControl;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage after the {@code SslHandler} ({@code inetty.tls.session}, stateless): a failed handshake ends the
 * connection as a protocol error; a completed one adds {@code tls=} (version) and, with a client certificate,
 * {@code tls_client=} (its subject) to the access-log line.
 */
@Sharable
final class TlsSession extends ChannelInboundHandlerAdapter {
    static final TlsSession INSTANCE = new TlsSession();
    static final String NAME = io.inetty.server.Stages.TLS + ".session";
    private static final Logger log = LoggerFactory.getLogger(TlsSession.class);

    private TlsSession() {
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent) {
            SslHandshakeCompletionEvent done = (SslHandshakeCompletionEvent) evt;
            if (!done.isSuccess()) {
                log.debug("{}: TLS handshake failed: {}", ctx.channel(), done.cause().toString());
                ConnectionControl.close(ctx.channel(), CloseReason.PROTOCOL_ERROR);
            } else if (ConnectionControl.logsAccess(ctx.channel())) {
                SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
                ConnectionControl.logField(ctx.channel(), "tls", session.getProtocol());
                String client = Tls.clientSubject(session);
                if (client != null) {
                    ConnectionControl.logField(ctx.channel(), "tls_client", client);
                }
            }
        }
        ctx.fireUserEventTriggered(evt);
    }
}
