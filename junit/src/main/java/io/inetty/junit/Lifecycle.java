package io.inetty.junit;

import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.MetricsSnapshot;
import io.inetty.server.Service;
import io.inetty.tls.Tls;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server of one {@link InettyExtension}: it starts when the first context (a class or a test) takes hold of it
 * and stops when the last one lets go, so {@code @Nested} classes and concurrent tests share it. When the last
 * running test ends, the faults are put back as they were when the first of them began.
 */
final class Lifecycle {
    /** Where each scope records which extension serves it (a per-test server over a per-class one). */
    static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InettyExtension.class);
    private static final String NEAREST = "nearest";

    private final InettyExtension extension;
    private final List<Service> services;
    private final List<Consumer<Inetty.Builder>> settings;
    private final boolean tls;
    private final ThreadLocal<MetricsSnapshot> testStart = new ThreadLocal<>();
    private final Set<String> classes = new HashSet<>();
    private final Set<String> tests = new HashSet<>();
    private FaultSnapshot faultsBefore;
    private volatile MetricsSnapshot lastTestStart;
    private volatile Running running;
    private Tls selfSigned;

    Lifecycle(InettyExtension extension, List<Service> services, List<Consumer<Inetty.Builder>> settings, boolean tls) {
        this.extension = extension;
        this.services = services;
        this.settings = settings;
        this.tls = tls;
    }

    InettyExtension extension() {
        return extension;
    }

    Running running() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("inetty: no server running (it runs from the extension's beforeAll, for a"
                    + " static field, or beforeEach, for an instance field, to the matching after callback)");
        }
        return r;
    }

    synchronized void holdClass(ExtensionContext context) {
        start(context);
        classes.add(context.getUniqueId());
        context.getStore(NAMESPACE).put(NEAREST, extension);
    }

    void holdTest(ExtensionContext context) {
        MetricsSnapshot start;
        synchronized (this) {
            if (classes.isEmpty()) {
                context.getStore(NAMESPACE).put(NEAREST, extension);
            }
            start(context);
            if (tests.isEmpty()) {
                faultsBefore = FaultSnapshot.of(running.faults());
            }
            tests.add(context.getUniqueId());
            start = running.server().metrics().snapshot();
            lastTestStart = start;
        }
        testStart.set(start);
    }

    /** The class or test of {@code context} lets go; the server stops when no one holds it any more. */
    void release(ExtensionContext context) {
        testStart.remove();
        synchronized (this) {
            try {
                if (tests.remove(context.getUniqueId()) && tests.isEmpty()) {
                    lastTestStart = null;
                    FaultSnapshot before = faultsBefore;
                    faultsBefore = null;
                    if (before != null && !classes.isEmpty()) {
                        before.restore();
                    }
                }
            } finally {
                classes.remove(context.getUniqueId());
                stopIfUnused();
            }
        }
    }

    boolean isNearest(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(NEAREST) == extension;
    }

    MetricsSnapshot metrics() {
        InettyServer server = running().server();
        MetricsSnapshot start = testStart.get();
        if (start == null) {
            start = lastTestStart;
        }
        MetricsSnapshot now = server.metrics().snapshot();
        return start == null ? now : Deltas.since(start, now);
    }

    private void start(ExtensionContext context) {
        if (running != null) {
            return;
        }
        try {
            running = Running.start(Running.config(services, settings, selfSigned()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("inetty: could not start the server for " + owner(context) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The self-signed TLS contributor, made at the first start that needs it and kept; null without TLS. */
    private Tls selfSigned() {
        if (tls && selfSigned == null) {
            selfSigned = Tls.builder().selfSigned().build();
        }
        return selfSigned;
    }

    private void stopIfUnused() {
        Running r = running;
        if (r != null && classes.isEmpty() && tests.isEmpty()) {
            running = null;
            r.server().close();
        }
    }

    private static String owner(ExtensionContext context) {
        String type = context.getRequiredTestClass().getName();
        return context.getTestMethod().map(m -> type + "." + m.getName() + "()").orElse(type);
    }

    @Override
    public String toString() {
        Running r = running;
        return services.stream().map(Service::name).toList() + (r == null ? " (stopped)" : " " + r.endpoints());
    }
}
