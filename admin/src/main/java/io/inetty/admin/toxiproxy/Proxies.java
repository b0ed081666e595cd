package io.inetty.admin.toxiproxy;

import static java.util.Objects.requireNonNull;

import io.inetty.admin.faults.ServiceFaultRoutes;
import io.inetty.admin.http.ApiException;
import io.inetty.faults.BindingFaults;
import io.inetty.faults.Faults;
import io.inetty.relay.Relay;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The proxies of a running server, by name, with Toxiproxy's rules: a name is unique (409), a missing one is a 404;
 * create binds at once unless disabled; delete closes the proxy and removes its toxics. The relays the server was
 * started with are adopted as proxies (a relay on both transports as its TCP side; its UDP faults stay reachable under
 * {@code /services}). Thread-safe: every change is made under this object's lock.
 */
public final class Proxies {
    private final InettyServer server;
    private final Faults faults;
    private final BooleanSupplier stopping;
    private final Map<String, Proxy> proxies = new TreeMap<>();

    /**
     * The proxies of {@code server}; {@code faults} (may be null) holds their toxics; while {@code stopping} is true,
     * binding or closing a proxy is a 503 at once (the server's stop holds its lock for the whole drain).
     */
    public Proxies(InettyServer server, Faults faults, BooleanSupplier stopping) {
        this.server = requireNonNull(server, "server");
        this.faults = faults;
        this.stopping = requireNonNull(stopping, "stopping");
        for (ServiceBinding b : server.config().bindings()) {
            if (b.service() instanceof Relay && !proxies.containsKey(b.service().name())
                    && (b.transport() == Transport.TCP || !b.service().transports().contains(Transport.TCP))) {
                List<Endpoint> at = server.endpoints().stream().filter(e -> e.binding() == b).toList();
                if (!at.isEmpty()) {
                    proxies.put(b.service().name(), Proxy.adopt(b, at));
                }
            }
        }
    }

    /** Every proxy, by name. */
    synchronized List<Proxy> all() {
        return List.copyOf(proxies.values());
    }

    /** The proxy called {@code name}; a 404 otherwise. */
    synchronized Proxy get(String name) {
        Proxy p = proxies.get(name);
        if (p == null) {
            throw ApiException.notFound("proxy not found: " + name);
        }
        return p;
    }

    /** Whether a proxy called {@code name} relays {@code transport}. */
    public synchronized boolean serves(String name, Transport transport) {
        Proxy p = proxies.get(name);
        return p != null && p.transport() == transport;
    }

    /** Creates a proxy (bound at once when enabled); a 409 if the name is taken, by a proxy or a service. */
    synchronized Proxy create(ProxySpec spec) {
        checkRunning();
        if (proxies.containsKey(spec.name())) {
            throw ApiException.conflict("proxy already exists: " + spec.name());
        }
        checkNotAService(spec.name());
        Proxy p = Proxy.of(spec.name(), spec.protocol(), spec.upstream(), spec.listen());
        if (spec.enabled()) {
            p.start(server);
        }
        proxies.put(p.name(), p);
        return p;
    }

    /**
     * Changes a proxy as Toxiproxy's update does: a new listen address or upstream closes it and, if it is to be
     * enabled, binds it again; then it is enabled or disabled as asked. Its toxics stay.
     */
    synchronized Proxy update(String name, ProxySpec spec) {
        Proxy p = get(name);
        checkRunning();
        if (spec.protocol() != p.transport()) {
            throw ApiException.badRequest("protocol: '" + spec.protocol().label() + "' cannot replace '"
                    + p.transport().label() + "' (expected: the same protocol; delete the proxy and create it again)");
        }
        if (!p.same(spec.listen(), spec.upstream())) {
            Proxy next = Proxy.of(name, p.transport(), spec.upstream(), spec.listen());
            p.stop(server);
            proxies.put(name, next);
            p = next;
        }
        if (spec.enabled()) {
            p.start(server);
        } else {
            p.stop(server);
        }
        return p;
    }

    /** Closes and forgets a proxy, and removes its toxics. */
    synchronized void delete(String name) {
        Proxy p = get(name);
        checkRunning();
        p.stop(server);
        proxies.remove(name);
        BindingFaults toxics = toxicsOrNull(p);
        if (toxics != null) {
            toxics.clear();
        }
    }

    /** Toxiproxy's reset: enables every proxy and removes every toxic (every fault, of proxies and services). */
    synchronized void reset() {
        checkRunning();
        for (Proxy p : proxies.values()) {
            p.start(server);
        }
        if (faults != null) {
            faults.clearAll();
        }
    }

    /**
     * Toxiproxy's populate: each proxy is created, or replaces the one of its name if its listen address, upstream
     * or protocol differ (the old one is closed and its toxics removed), or is kept as it is. Stops at the first
     * failure, which is thrown with the proxies handled so far.
     */
    synchronized List<Proxy> populate(List<ProxySpec> specs) {
        List<Proxy> done = new ArrayList<>();
        try {
            for (ProxySpec spec : specs) {
                Proxy existing = proxies.get(spec.name());
                if (existing != null && existing.transport() == spec.protocol()
                        && existing.same(spec.listen(), spec.upstream())) {
                    done.add(existing);
                    continue;
                }
                if (existing != null) {
                    delete(spec.name());
                }
                done.add(create(spec));
            }
        } catch (ApiException e) {
            throw new PopulateFailure(e, done);
        }
        return done;
    }

    /** Whether the server has a fault engine (otherwise every proxy has no toxic, and toxics are a 501). */
    boolean hasFaults() {
        return faults != null;
    }

    /** The toxics (faults) of a proxy; a 501 when the server has no fault engine. */
    BindingFaults toxics(Proxy p) {
        BindingFaults b = toxicsOrNull(p);
        if (b == null) {
            throw ServiceFaultRoutes.noEngine();
        }
        return b;
    }

    private BindingFaults toxicsOrNull(Proxy p) {
        return faults == null ? null : faults.faults(p.name(), p.transport());
    }

    private void checkRunning() {
        if (stopping.getAsBoolean()) {
            throw Proxy.serverStopping();
        }
    }

    private void checkNotAService(String name) {
        boolean service = server.config().bindings().stream()
                .anyMatch(b -> b.service().name().equals(name) && !(b.service() instanceof Relay));
        if (service || server.endpoints().stream().anyMatch(e -> e.service().equals(name))) {
            throw ApiException.conflict("proxy already exists: '" + name + "' is a service of this server");
        }
    }

    /** A populate that stopped: the failure and the proxies handled before it. */
    static final class PopulateFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final transient ApiException cause;
        final transient List<Proxy> done;

        PopulateFailure(ApiException cause, List<Proxy> done) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
            this.done = List.copyOf(done);
        }
    }
}
