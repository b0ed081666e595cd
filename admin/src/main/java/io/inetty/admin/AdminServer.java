package io.inetty.admin;

import static java.util.Objects.requireNonNull;

import io.inetty.admin.http.Router;
import io.inetty.faults.Faults;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyException;
import io.inetty.server.InettyServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint of a running server, on the server's own event loops: health ({@code /livez},
 * {@code /readyz}), Prometheus metrics, endpoints, faults, and a Toxiproxy-compatible API. Not a service binding:
 * it stays up while the server drains ({@code /readyz} answers 503 from the moment the stop begins) and its sockets
 * close with the server's event loops, or at {@link #close()}.
 *
 * <pre>{@code try (AdminServer admin = AdminServer.start(server, AdminOptions.builder().build())) { ... }}</pre>
 *
 * <p>Requests that change or read the server beyond health are answered one at a time on one worker thread of the
 * admin's own (it binds and closes relays, which waits); health checks are answered on the I/O thread.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("inetty.admin");

    private final InettyServer server;
    private final ThreadPoolExecutor pool;
    /**
     * The pool's newest worker thread (the pool keeps at most one; earlier ones have ended), joined at close: a
     * thread-leak check right after close() finds none.
     */
    private volatile Thread lastWorker;
    // The next five are read by the admin's pipeline (AdminInitializer, AdminHandler).
    final AdminOptions options;
    final Router router;
    final Gate gate;
    final Executor worker;
    final ChannelGroup channels = new DefaultChannelGroup("inetty-admin", ImmediateEventExecutor.INSTANCE);
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ready = true;
    private volatile boolean stopping;

    /** An admin of {@code server}, not bound yet, that runs worker requests on {@code worker} (null: its own thread). */
    AdminServer(InettyServer server, AdminOptions options, Executor worker) {
        this.server = server;
        this.options = options;
        this.gate = new Gate(options);
        // One thread, made when a request comes and ended after 10 s without one; the queue holds at most one request
        // per connection (each connection waits for its response before the next request is read).
        DefaultThreadFactory threads = new DefaultThreadFactory("inetty-admin", true);
        this.pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.maxConnections() + 1), r -> {
                    Thread t = threads.newThread(r);
                    lastWorker = t;
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.worker = worker != null ? worker : pool;
        this.router = Routes.of(server, faults(server), this, options.version());
    }

    /**
     * Starts the admin endpoint of {@code server}: binds every address of {@code options}. Throws
     * {@code IllegalArgumentException} for a non-loopback address without a token, {@link InettyException} if a
     * bind fails (nothing stays open).
     */
    public static AdminServer start(InettyServer server, AdminOptions options) {
        requireNonNull(server, "server");
        requireNonNull(options, "options");
        if (!options.loopback() && !options.hasToken()) {
            throw new IllegalArgumentException("token: none for the non-loopback admin address " + options.host()
                    + " (expected: a token: an admin endpoint reachable from the network must require one)");
        }
        AdminServer admin = new AdminServer(server, options, null);
        try {
            admin.bind();
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
        server.onStop(admin::stop);
        log.info("admin endpoint on {}", admin.addresses.stream().map(Endpoint::format).toList());
        return admin;
    }

    private void bind() {
        AdminInitializer initializer = new AdminInitializer(this);
        if (options.sockets() != null) {
            for (int fd : options.sockets().fds()) {
                // Bound and listening already: registered, not bound (see IoTransport.inheritedServerChannel).
                ChannelFuture f = bootstrap(initializer, server.transport().inheritedServerChannel(fd))
                        .register().awaitUninterruptibly();
                if (!f.isSuccess()) {
                    throw new InettyException("admin: cannot serve fd " + fd + ": " + f.cause(), f.cause());
                }
                channels.add(f.channel());
                addresses.add((InetSocketAddress) f.channel().localAddress());
            }
            return;
        }
        int port = options.port();
        for (InetAddress ip : options.addresses()) {
            InetSocketAddress at = new InetSocketAddress(ip, port);
            ChannelFuture f = bootstrap(initializer, server.transport().serverChannel(ip)).bind(at).awaitUninterruptibly();
            if (!f.isSuccess()) {
                Throwable cause = f.cause();
                throw new InettyException("admin: cannot bind " + Endpoint.format(at) + ": "
                        + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
            }
            Channel ch = f.channel();
            channels.add(ch);
            InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
            addresses.add(bound);
            port = bound.getPort();
        }
    }

    private ServerBootstrap bootstrap(AdminInitializer initializer, ChannelFactory<ServerSocketChannel> channels) {
        return new ServerBootstrap().group(server.eventLoopGroup())
                .channelFactory(channels)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(initializer);
    }

    private static Faults faults(InettyServer server) {
        return server.config().contributors().stream().filter(Faults.class::isInstance).map(Faults.class::cast)
                .findFirst().orElse(null);
    }

    /** Every bound address, read back from the channels (one per address of the host, same port). */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** The first bound address. */
    public InetSocketAddress address() {
        return addresses.get(0);
    }

    /**
     * Sets readiness: {@code false} makes {@code /readyz} answer 503 before the server's stop begins (e.g. during a
     * shutdown delay, while a load balancer takes the instance out); the stop itself turns it 503 for good.
     */
    public void ready(boolean ready) {
        this.ready = ready;
    }

    /** Whether {@code /readyz} answers 200 now. */
    public boolean isReady() {
        return ready && !stopping;
    }

    /** The server's stop began: {@code /readyz} answers 503 from now on. */
    void stop() {
        stopping = true;
    }

    /** Whether the server's stop has begun. */
    boolean stopping() {
        return stopping;
    }

    /**
     * Closes the admin sockets and connections and ends the worker thread (idempotent; not from an event loop).
     * After the server's own close the sockets are already closed with its event loops.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (!server.eventLoopGroup().isShuttingDown()) {
            channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(2, TimeUnit.SECONDS);
            Thread last = lastWorker;
            if (last != null) {
                last.join(2000); // awaitTermination returns while the last worker is still exiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
