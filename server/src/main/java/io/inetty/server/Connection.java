package io.inetty.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's stage of one accepted connection ({@link Stages#CONNECTION}, stateful), and its
 * {@link ConnectionInfo}: admits it by its real peer, registers it for the ordered stop, counts its bytes as
 * they flow, enforces the session limits, closes it on idleness, drains it when the server stops (flush, then
 * end the output through the channel's {@link OutputShutdown}; later input is dropped), and writes its
 * access-log line when it ends.
 */
final class Connection extends ChannelDuplexHandler implements ConnectionInfo {
    private static final Logger access = LoggerFactory.getLogger(AccessLog.TCP);
    /** The user-defined writability bit the server clears on a sealed connection. */
    private static final int SEALED_BIT = 31;
    /** How long a connection ended by a limit may take to flush before it is closed anyway. */
    static final long FINISH_GRACE_SECONDS = 2;

    /** What every connection of one binding shares. */
    record Shared(Endpoint endpoint, Connections registry, Admission admission, Limits limits, Counters counters,
                  boolean accessLog) {
    }

    private final Shared shared;
    private final long acceptedAt = System.currentTimeMillis();
    private Channel channel;
    /** Neighbours in the registry's per-loop list (see {@link Connections}). */
    Connection prev;
    Connection next;
    /** This loop's counters of the binding's service. */
    private long[] slots;
    private long bytesIn;
    private long bytesOut;
    private CloseReason reason;
    /** The client named by a PROXY header, or null (the socket's peer). */
    private InetSocketAddress realPeer;
    private boolean admitted;
    /** Refused at admission: never served (its access-log line says ms=0), its end counted at once. */
    private boolean refused;
    /** Fields features added to the access-log line ({@code tls=TLSv1.3}), or null. */
    private StringBuilder logFields;
    /**
     * Ending (shutdown drain or session limit): what was written is being flushed; later input and writes
     * are dropped, and the channel reads as unwritable.
     */
    private boolean sealed;
    private ScheduledFuture<?> sessionTimer;

    Connection(Shared shared) {
        this.shared = shared;
    }

    /** The head of a per-loop list. */
    static Connection sentinel() {
        Connection head = new Connection(null);
        head.prev = head.next = head;
        return head;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        channel.attr(KEY).set(this);
        slots = shared.counters().local(); // added on the channel's own loop, by its initializer
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress peer = realPeer();
        CloseReason refusal = peer == null ? CloseReason.ERROR : shared.admission().admit(AccessPolicy.unmapped(peer.getAddress()));
        if (refusal != null) {
            // Counted now, before the peer can see the close; the close is not counted again.
            reason = refusal;
            refused = true;
            Counters.closed(slots, refusal);
            ctx.close();
            return;
        }
        admitted = true;
        Counters.add(slots, Counters.ACCEPTED, 1);
        Counters.add(slots, Counters.OPEN, 1);
        if (!shared.registry().add(ctx.executor(), this)) {
            drain(); // the server is stopping: end at once, counted as a shutdown
            return;
        }
        Limits limits = shared.limits();
        if (!limits.maxSession().isZero()) {
            sessionTimer = ctx.executor().schedule(() -> finish(ctx, CloseReason.SESSION_LIMIT),
                    limits.maxSession().toNanos(), TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (sealed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        int n = size(msg);
        long left = leftBeforeLimit(bytesIn, n);
        if (left < 0) {
            count(Counters.BYTES_IN, n);
            ctx.fireChannelRead(msg);
            return;
        }
        // Pass on exactly what the limit allows, then end.
        Object part = lastPart(msg, left, Counters.BYTES_IN);
        if (part != null) {
            ctx.fireChannelRead(part);
        }
        finish(ctx, CloseReason.SESSION_LIMIT);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (sealed && size(msg) > 0) {
            // A generator (chargen) still producing after the seal: what it owed is being flushed.
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
            return;
        }
        int n = size(msg);
        long left = leftBeforeLimit(bytesOut, n);
        if (left < 0) {
            count(Counters.BYTES_OUT, n);
            ctx.write(msg, promise);
            return;
        }
        // The peer gets exactly the limit: the last write is cut to what is left.
        Object part = lastPart(msg, left, Counters.BYTES_OUT);
        ctx.write(part == null ? Unpooled.EMPTY_BUFFER : part, promise);
        finish(ctx, CloseReason.SESSION_LIMIT);
    }

    /** Bytes one way may still carry if {@code n} more after {@code sofar} reach the session byte limit; else -1. */
    private long leftBeforeLimit(long sofar, int n) {
        long max = shared.limits().maxSessionBytes();
        return max > 0 && sofar + n >= max ? max - sofar : -1;
    }

    /** The first {@code left} bytes of {@code msg} (null if none), counted under {@code counter}. */
    private Object lastPart(Object msg, long left, int counter) {
        Object part = truncate(msg, (int) left);
        count(counter, size(part));
        return part;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof RealPeer) {
            realPeer = ((RealPeer) evt).address();
        } else if (evt instanceof ChannelInputShutdownEvent) {
            // The peer will send nothing more; the last stage closes once every reply has left, unless the
            // service handles the half-close itself (a relay carries it on).
            reason(CloseReason.CLIENT_CLOSED);
        } else if (evt instanceof IdleStateEvent) {
            reason(CloseReason.IDLE);
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sessionTimer != null) {
            sessionTimer.cancel(false);
        }
        CloseReason r = reason == null ? CloseReason.DONE : reason;
        if (!refused) {
            // Also a connection a PROXY-slot stage closed before letting channelActive pass (no header in time).
            Counters.closed(slots, r);
        }
        if (admitted) {
            shared.registry().remove(this);
            shared.admission().release(AccessPolicy.unmapped(realPeer().getAddress()));
            Counters.add(slots, Counters.OPEN, -1);
        }
        if (logged()) {
            InetSocketAddress peer = realPeer();
            InetSocketAddress via = peer == null ? null : via();
            access.info("tcp {} peer={} local={}{} in={} out={} ms={} reason={}{}", shared.endpoint().service(),
                    peer == null ? "?" : Endpoint.format(peer), Endpoint.format(localAddress() != null ? localAddress() : shared.endpoint().address()),
                    via == null ? "" : " via=" + Endpoint.format(via), bytesIn, bytesOut,
                    refused ? 0 : System.currentTimeMillis() - acceptedAt, r.label(), logFields == null ? "" : logFields);
        }
        if (admitted) {
            ctx.fireChannelInactive();
        }
    }

    /** Whether this connection's end writes an access-log line (the only reader of {@link #logField}). */
    boolean logged() {
        return shared.accessLog() && access.isInfoEnabled();
    }

    /** Adds {@code name=value} to the access-log line (quoted when the value has spaces, quotes or controls). */
    void logField(String name, String value) {
        if (!logged()) {
            return;
        }
        if (logFields == null) {
            logFields = new StringBuilder();
        }
        logFields.append(' ').append(name).append('=');
        boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '\\' && c < 127);
        if (plain) {
            logFields.append(value);
            return;
        }
        logFields.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                logFields.append('\\').append(c);
            } else if (c < ' ' || c == 127) {
                logFields.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                logFields.append(c);
            }
        }
        logFields.append('"');
    }

    /** Records why the connection ends; the first reason given wins. */
    void reason(CloseReason r) {
        if (reason == null) {
            reason = r;
        }
    }

    /**
     * Ends the connection after what was written so far has left (so the access log's {@code out} is what
     * the peer got): stop reading, seal, flush, end the output, then close; a peer that does not read gets
     * {@link #FINISH_GRACE_SECONDS} before the close is forced.
     */
    private void finish(ChannelHandlerContext ctx, CloseReason r) {
        reason(r);
        if (sealed) {
            return;
        }
        seal();
        channel.config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f ->
                OutputShutdown.of(channel).shutdownOutput(channel).addListener(ChannelFutureListener.CLOSE));
        ctx.executor().schedule(() -> {
            ctx.close();
        }, FINISH_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * No more output: later writes are dropped, and the channel reads as unwritable so that a generator
     * waiting for writability (chargen) stops instead of spinning on dropped writes.
     */
    private void seal() {
        sealed = true;
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        if (out != null) {
            out.setUserDefinedWritability(SEALED_BIT, false);
        }
    }

    /** The drain at stop: flush, then end the output; the peer's close (or the shutdown timeout) ends the rest. */
    private void drain() {
        if (!channel.isActive() || sealed) {
            return;
        }
        reason(CloseReason.SHUTDOWN);
        seal();
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> OutputShutdown.of(channel).shutdownOutput(channel));
    }

    /** Starts the drain of one connection at stop; runs on the channel's event loop. */
    static void drain(Channel ch) {
        ch.eventLoop().execute(() -> {
            ConnectionInfo info = ConnectionInfo.of(ch);
            if (info instanceof Connection) {
                ((Connection) info).drain();
            }
        });
    }

    private void count(int slot, int n) {
        if (slot == Counters.BYTES_IN) {
            bytesIn += n;
        } else {
            bytesOut += n;
        }
        Counters.add(slots, slot, n);
    }

    /** The first {@code keep} bytes of {@code msg} (a buffer), or null if none; {@code msg} is released or reused. */
    private static Object truncate(Object msg, int keep) {
        if (keep <= 0) {
            ReferenceCountUtil.release(msg);
            return null;
        }
        if (!(msg instanceof ByteBuf)) {
            return msg;
        }
        ByteBuf buf = (ByteBuf) msg;
        if (buf.readableBytes() <= keep) {
            return buf;
        }
        ByteBuf part = buf.retainedSlice(buf.readerIndex(), keep);
        buf.release();
        return part;
    }

    private static int size(Object msg) {
        if (msg instanceof ByteBuf) {
            return ((ByteBuf) msg).readableBytes();
        }
        if (msg instanceof ByteBufHolder) {
            return ((ByteBufHolder) msg).content().readableBytes();
        }
        return 0;
    }

    // ConnectionInfo

    @Override
    public Endpoint endpoint() {
        return shared.endpoint();
    }

    @Override
    public InetSocketAddress localAddress() {
        return channel.localAddress() instanceof InetSocketAddress ? (InetSocketAddress) channel.localAddress() : null;
    }

    @Override
    public InetSocketAddress socketPeer() {
        return channel.remoteAddress() instanceof InetSocketAddress ? (InetSocketAddress) channel.remoteAddress() : null;
    }

    @Override
    public InetSocketAddress realPeer() {
        return realPeer != null ? realPeer : socketPeer();
    }

    @Override
    public Instant acceptedAt() {
        return Instant.ofEpochMilli(acceptedAt);
    }

    @Override
    public long bytesIn() {
        return bytesIn;
    }

    @Override
    public long bytesOut() {
        return bytesOut;
    }

    @Override
    public CloseReason closeReason() {
        return channel != null && channel.isActive() ? null : reason;
    }

    @Override
    public String toString() {
        return "Connection[" + shared.endpoint() + " peer=" + realPeer() + "]";
    }
}
