package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: every socket bound, endpoints known. {@link #close()} stops it in order: listening
 * and UDP sockets first, then accepted connections are drained (flushed, output shut down, closed when
 * the peer closes or the shutdown timeout passes), then the event loops end.
 */
public final class InettyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InettyServer.class);

    private final ServerConfig config;
    private final IoSupport io;
    private final EventLoopGroup group;
    private final ChannelGroup listeners;
    private final Connections accepted;
    private final List<Endpoint> endpoints;
    private final Metrics metrics;
    private boolean stopped;

    private InettyServer(ServerConfig config, IoSupport io, EventLoopGroup group, ChannelGroup listeners,
                         Connections accepted, List<Endpoint> endpoints, Metrics metrics) {
        this.config = config;
        this.io = io;
        this.group = group;
        this.listeners = listeners;
        this.accepted = accepted;
        this.endpoints = List.copyOf(endpoints);
        this.metrics = metrics;
    }

    /**
     * Binds every socket of {@code config}. All or nothing: if one bind fails, everything bound so far
     * is closed and an {@link InettyException} names the service, transport, address, port and cause.
     */
    public static InettyServer start(ServerConfig config) {
        requireNonNull(config, "config");
        IoSupport io = IoSupport.select(config.transport());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(),
                new DefaultThreadFactory("inetty", true), io.handlerFactory());
        ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
        Metrics metrics = new Metrics();
        Connections accepted = new Connections(metrics.open);
        ReplyBudget budget = config.udp().replyBudget() > 0 ? new ReplyBudget(config.udp().replyBudget()) : null;
        try {
            List<Endpoint> endpoints = new Binder(config, io, group, listeners, accepted, metrics, budget).bindAll();
            if (budget != null) {
                group.scheduleAtFixedRate(budget::sweep, 10, 10, TimeUnit.SECONDS);
            }
            log.info("transport {}, {} event loop thread(s), {} socket(s) bound",
                    io.label(), config.threads(), endpoints.size());
            return new InettyServer(config, io, group, listeners, accepted, endpoints, metrics);
        } catch (RuntimeException e) {
            listeners.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw e;
        }
    }

    /** The configuration this server was started with. */
    public ServerConfig config() {
        return config;
    }

    /** The I/O transport in use ({@code EPOLL}, {@code IO_URING} or {@code NIO}). */
    public IoTransport transport() {
        return IoTransport.valueOf(io.name());
    }

    /** Every bound socket, in configuration order, with the address read from the channel. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** The port of a service (all its sockets share it when it was asked for as port 0). */
    public int port(String service) {
        requireNonNull(service, "service");
        for (Endpoint e : endpoints) {
            if (e.service().equals(service)) {
                return e.port();
            }
        }
        throw new NoSuchElementException("service: " + service + " (not served; served: " + served() + ")");
    }

    /** The port of a service on one transport. */
    public int port(String service, Transport transport) {
        requireNonNull(transport, "transport");
        for (Endpoint e : endpoints) {
            if (e.service().equals(service) && e.transport() == transport) {
                return e.port();
            }
        }
        throw new NoSuchElementException("service: " + service + "/" + transport.label() + " (not served)");
    }

    private List<String> served() {
        return endpoints.stream().map(Endpoint::service).distinct().toList();
    }

    /** Number of accepted connections open now. */
    public int openConnections() {
        return accepted.size();
    }

    /** The server's counters (connections, bytes, datagrams, drops), live. */
    public Metrics metrics() {
        return metrics;
    }

    /** Stops the server (idempotent; a concurrent caller waits until the first one has finished). */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        listeners.close().awaitUninterruptibly();
        long timeoutMs = config.shutdownTimeout().toMillis();
        if (accepted.size() > 0) {
            log.info("draining {} connection(s) for up to {} ms", accepted.size(), timeoutMs);
            accepted.forEach(group, Connection::drain);
            if (!accepted.awaitEmpty(timeoutMs)) {
                log.info("closing {} connection(s) still open after the shutdown timeout", accepted.size());
                accepted.forEach(group, Channel::close);
                accepted.awaitEmpty(2000);
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("stopped");
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}
