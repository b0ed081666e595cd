package io.inetty.server;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: every socket bound, endpoints known. {@link #close()} stops it in order: listening
 * and UDP sockets first, then accepted connections are drained (flushed, output ended, closed when the
 * peer closes or the shutdown timeout passes), then the event loops end; when it returns, no thread of the
 * server remains.
 */
public final class InettyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InettyServer.class);

    private final ServerConfig config;
    private final IoTransport io;
    private final EventLoopGroup group;
    private final List<Channel> listeners;
    private final Connections accepted;
    private final List<Endpoint> endpoints;
    private final Metrics metrics;
    private final AddressWatcher watcher;
    private final Binder binder;
    private final Threads threads;
    private final List<Runnable> drainListeners = new CopyOnWriteArrayList<>();
    private boolean stopped;

    private InettyServer(ServerConfig config, IoTransport io, EventLoopGroup group, Threads threads,
                         List<Channel> listeners, Connections accepted, List<Endpoint> endpoints, Metrics metrics,
                         Binder binder, AddressWatcher watcher) {
        this.binder = binder;
        this.config = config;
        this.io = io;
        this.group = group;
        this.threads = threads;
        this.listeners = listeners;
        this.accepted = accepted;
        this.endpoints = endpoints;
        this.metrics = metrics;
        this.watcher = watcher;
    }

    /**
     * Binds every socket of {@code config}. All or nothing: if one bind fails, everything bound so far is
     * closed, the event loops are stopped, and a {@link BindFailureException} names the service, transport,
     * address, port and kind of failure; a configuration error is an {@code IllegalArgumentException}.
     */
    public static InettyServer start(ServerConfig config) {
        requireNonNull(config, "config");
        IoTransport io = config.transport().resolve();
        Threads threads = new Threads();
        EventLoopGroup group = new EventLoops(config.threads(), threads, io.handlerFactory());
        List<Channel> listeners = new CopyOnWriteArrayList<>();
        Metrics metrics = new Metrics();
        Connections accepted = new Connections();
        ReplyBudget budget = config.udp().replyBudget() > 0 ? new ReplyBudget(config.udp().replyBudget()) : null;
        UdpGuard.Shared udp = new UdpGuard.Shared(config.access(), config.udp(),
                config.udp().strict() ? AddressResolver.broadcasts() : Set.of(), budget, config.accessLog());
        try {
            Pipelines pipelines = new Pipelines(config, accepted, metrics, udp);
            Binder binder = new Binder(config, io, group, listeners, pipelines);
            List<Endpoint> endpoints = new CopyOnWriteArrayList<>(binder.bindAll());
            AddressWatcher watcher = binder.followsAddresses() && endpoints.stream().anyMatch(AddressWatcher::follows)
                    ? new AddressWatcher(binder, endpoints, () -> AddressResolver.localUnicast(config.family()),
                            AddressWatcher.INTERVAL_MILLIS)
                    : null;
            if (budget != null) {
                group.scheduleAtFixedRate(budget::sweep, 10, 10, TimeUnit.SECONDS);
            }
            log.info("transport {}, {} event loop thread(s), {} socket(s) bound", io.label(), config.threads(),
                    endpoints.size());
            return new InettyServer(config, io, group, threads, listeners, accepted, endpoints, metrics, binder,
                    watcher);
        } catch (RuntimeException e) {
            closeAll(listeners);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            threads.join();
            throw e;
        }
    }

    /** The configuration this server was started with. */
    public ServerConfig config() {
        return config;
    }

    /** The I/O transport in use ({@code EPOLL}, {@code IO_URING} or {@code NIO}, never {@code AUTO}). */
    public IoTransport transport() {
        return io;
    }

    /** The server's event loops, for a feature that serves on them (e.g. an admin endpoint); do not shut them down. */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /**
     * Every bound socket, in configuration order, with the address read from the channel. In wildcard mode UDP
     * follows the host's addresses, so this list may change while the server runs.
     */
    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** The port of a service (all its sockets of one label share it when it was asked for as port 0). */
    public int port(String service) {
        requireNonNull(service, "service");
        for (Endpoint e : endpoints) {
            if (e.service().equals(service)) {
                return e.port();
            }
        }
        throw new NoSuchElementException("service: " + service + " (not served; served: " + served() + ")");
    }

    /** The port of {@code service}. */
    public int port(Service service) {
        return port(requireNonNull(service, "service").name());
    }

    /** The port of a service on one transport (its plain binding, not one with a label such as {@code tls}). */
    public int port(String service, Transport transport) {
        requireNonNull(transport, "transport");
        return port(service, transport.label());
    }

    /** The port of a service's binding of one label: {@code tcp}, {@code udp}, {@code tls}. */
    public int port(String service, String label) {
        requireNonNull(service, "service");
        requireNonNull(label, "label");
        for (Endpoint e : endpoints) {
            if (e.service().equals(service) && e.label().equals(label)) {
                return e.port();
            }
        }
        throw new NoSuchElementException("service: " + service + "/" + label + " (not served; served: " + served() + ")");
    }

    private List<String> served() {
        return endpoints.stream().map(e -> e.service() + "/" + e.label()).distinct().toList();
    }

    /**
     * Serves one more binding while the server runs (e.g. a relay created through an admin API), on
     * {@code hosts} (names or literals; empty: the server's own addresses). All or nothing; throws
     * {@link BindFailureException}, or {@code IllegalArgumentException} for a bad host or a binding already served.
     */
    public synchronized List<Endpoint> open(ServiceBinding binding, List<String> hosts) {
        requireNonNull(binding, "binding");
        requireNonNull(hosts, "hosts");
        checkRunning();
        for (Endpoint e : endpoints) {
            if (e.service().equals(binding.service().name()) && e.label().equals(binding.label())) {
                throw new IllegalArgumentException("binding: " + binding.service().name() + "/" + binding.label()
                        + " is served already");
            }
        }
        List<Endpoint> opened = binder.bind(List.of(binding),
                hosts.isEmpty() ? null : AddressResolver.resolve(hosts, config.family()));
        endpoints.addAll(opened);
        return opened;
    }

    /**
     * Stops serving a binding while the server runs: its sockets close (new connections are refused), and
     * with {@code closeConnections} its open connections are closed too.
     */
    public synchronized void close(ServiceBinding binding, boolean closeConnections) {
        requireNonNull(binding, "binding");
        checkRunning();
        binder.close(binding);
        endpoints.removeIf(e -> e.binding() == binding);
        if (closeConnections) {
            accepted.forEach(ch -> {
                ConnectionInfo info = ConnectionInfo.of(ch);
                if (info != null && info.endpoint().binding() == binding) {
                    ch.close();
                }
            });
        }
    }

    private void checkRunning() {
        if (stopped) {
            throw new IllegalStateException("server: stopped");
        }
    }

    /** Number of accepted connections open now. */
    public int openConnections() {
        return accepted.size();
    }

    /** The server's live counters (connections, bytes, datagrams, drops) by service and transport. */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * Runs {@code listener} when a stop begins, before the listening sockets close and the drain starts (e.g. to
     * report not-ready), on the stopping thread.
     */
    public void onStop(Runnable listener) {
        drainListeners.add(requireNonNull(listener, "listener"));
    }

    /** Stops the server (idempotent; a concurrent caller waits until the first one has finished). */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        drainListeners.forEach(Runnable::run);
        if (watcher != null) {
            watcher.close();
        }
        closeAll(listeners);
        accepted.beginStop(group);
        long timeoutMs = config.shutdownTimeout().toMillis();
        if (accepted.size() > 0) {
            log.info("draining {} connection(s) for up to {} ms", accepted.size(), timeoutMs);
            accepted.forEach(Connection::drain);
            if (!accepted.awaitEmpty(timeoutMs)) {
                log.info("closing {} connection(s) still open after the shutdown timeout", accepted.size());
                accepted.forEach(Channel::close);
                accepted.awaitEmpty(2000);
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        threads.join();
        log.info("stopped");
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Makes the event-loop threads and remembers them, so the stop returns only once each has ended. */
    private static final class Threads extends DefaultThreadFactory {
        private final List<Thread> made = new CopyOnWriteArrayList<>();

        Threads() {
            super("inetty", true);
        }

        @Override
        protected Thread newThread(Runnable r, String name) {
            Thread t = super.newThread(r, name);
            made.add(t);
            return t;
        }

        void join() {
            for (Thread t : made) {
                try {
                    t.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeAll(List<Channel> channels) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel ch : channels) {
            closing.add(ch.close());
        }
        closing.forEach(Future::awaitUninterruptibly);
    }
}
