package io.inetty.admin;

import io.inetty.admin.http.ApiException;
import io.inetty.admin.http.Request;
import io.inetty.admin.http.Response;
import io.inetty.admin.http.Router;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one admin connection, one request at a time, in order: a request that did not decode is a 400 (414, 431)
 * and the connection closes; then the gate (401, 403), the router (404, 405) and the handler, on the I/O thread for
 * health checks, else on the admin's worker. The socket is read again only once a response has left; requests that
 * one read brought together (pipelining) wait, at most {@link #MAX_WAITING}, beyond that the connection is closed. A
 * deadline runs while the connection waits for a request or for its response to leave: past it (a slow, idle or
 * non-reading client) the connection is closed.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Pipelined requests held while one is answered. */
    static final int MAX_WAITING = 16;
    private static final Logger log = LoggerFactory.getLogger("inetty.admin");

    /** A decoded request: its route and copy, or the error to answer at once (closing the connection if asked). */
    private record Pending(Router.Match match, Request request, boolean head, Response error, boolean close) {
    }

    private final AdminServer admin;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean busy;
    private ScheduledFuture<?> deadline;

    AdminHandler(AdminServer admin) {
        this.admin = admin;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx);
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        disarm();
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("admin: {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("admin: {} closed", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        Pending p = decode(msg);
        if (!busy) {
            disarm(); // the wait for this request is over; a pending response keeps its own deadline
            answer(ctx, p);
        } else if (waiting.size() < MAX_WAITING) {
            waiting.add(p);
        } else {
            log.debug("admin: {} closed: more than {} pipelined requests", ctx.channel().remoteAddress(), MAX_WAITING);
            ctx.close();
        }
    }

    private Pending decode(FullHttpRequest msg) {
        boolean head = HttpMethod.HEAD.equals(msg.method());
        if (msg.decoderResult().isFailure()) {
            return new Pending(null, null, false, Failures.of(msg.decoderResult().cause()), true);
        }
        try {
            Router.Match match = admin.router.match(msg.method(), msg.uri());
            Request request = new Request(msg.method(), new QueryStringDecoder(msg.uri()).path(), Map.of(),
                    msg.headers().copy(), ByteBufUtil.getBytes(msg.content()));
            Response refused = admin.gate.check(request);
            Response error = refused != null ? refused : match.error();
            return new Pending(match, request.withParams(match.params()), head, error, false);
        } catch (IllegalArgumentException e) {
            return new Pending(null, null, head, Response.error(HttpResponseStatus.BAD_REQUEST,
                    "bad request: malformed path"), false);
        }
    }

    private void answer(ChannelHandlerContext ctx, Pending p) {
        busy = true;
        if (p.error() != null || p.match().fast()) {
            respond(ctx, p.error() != null ? p.error() : handle(p.match().handler(), p.request()), p.head(), p.close());
            return;
        }
        try {
            admin.worker.execute(() -> respond(ctx, handle(p.match().handler(), p.request()), p.head(), false));
        } catch (RejectedExecutionException e) {
            respond(ctx, Response.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "admin: busy or closing"), p.head(),
                    true);
        }
    }

    private static Response handle(Router.Handler handler, Request request) {
        try {
            return handler.handle(request);
        } catch (ApiException e) {
            return e.response();
        } catch (RuntimeException e) {
            log.warn("admin: {} {} failed", request.method(), request.path(), e);
            return Response.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
    }

    /** Writes {@code r}; once it has left, answers the next waiting request or reads the socket again. */
    private void respond(ChannelHandlerContext ctx, Response r, boolean head, boolean close) {
        if (!ctx.executor().inEventLoop()) {
            try {
                ctx.executor().execute(() -> respond(ctx, r, head, close));
            } catch (RejectedExecutionException e) {
                log.debug("admin: response dropped, the event loop has ended");
            }
            return;
        }
        arm(ctx);
        ctx.writeAndFlush(Messages.of(r, head, close)).addListener(f -> {
            busy = false;
            if (!f.isSuccess() || close) {
                ctx.close();
            } else if (!waiting.isEmpty()) {
                answer(ctx, waiting.poll());
            } else if (ctx.channel().isActive()) {
                arm(ctx);
                ctx.read();
            }
        });
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        long millis = admin.options.requestTimeout().toMillis();
        deadline = ctx.executor().schedule(() -> {
            log.debug("admin: {} closed: nothing complete within {} ms", ctx.channel().remoteAddress(), millis);
            ctx.close();
        }, millis, TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
