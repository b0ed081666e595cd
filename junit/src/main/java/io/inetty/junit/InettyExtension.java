package io.inetty.junit;

import static java.util.Objects.requireNonNull;

import io.inetty.faults.BindingFaults;
import io.inetty.protocols.Services;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.MetricsSnapshot;
import io.inetty.server.Service;
import io.inetty.server.Transport;
import io.inetty.tls.Tls;
import io.inetty.tls.TrustMaterial;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real inetty for JUnit Jupiter tests, on loopback with ephemeral ports bound by the server itself. Register it
 * with {@code @RegisterExtension}: in a {@code static} field it serves from before the class's first test to after
 * its last, and its {@code @Nested} classes use the same server on the same ports; in an instance field it serves
 * one test. Tests take an {@link InettyEndpoints} parameter (or this extension) to reach it. After each test the
 * faults are put back as they were when it began, pass or fail, and {@link #metrics()} counts from its start.
 */
public final class InettyExtension extends Callbacks {
    private final Lifecycle lifecycle;

    private InettyExtension(List<Service> services, List<Consumer<Inetty.Builder>> settings, boolean tls) {
        this.lifecycle = new Lifecycle(this, services, settings, tls);
    }

    /**
     * A new builder: every service of {@code Services.all()} on every transport it speaks, on 127.0.0.1 and ::1, one
     * event-loop thread (a test peer needs no more).
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The running server (metrics, endpoints); {@code IllegalStateException} outside the extension's lifecycle. */
    public InettyServer server() {
        return lifecycle.running().server();
    }

    /** The addresses of the running server. */
    public InettyEndpoints endpoints() {
        return lifecycle.running().endpoints();
    }

    /**
     * The faults of one binding, e.g. {@code faults("echo", Transport.TCP).add(Fault.latency(...))}: changes apply
     * at once, and are undone after the test that made them.
     */
    public BindingFaults faults(String service, Transport transport) {
        return lifecycle.running().faults().faults(service, transport);
    }

    /**
     * What a client needs to trust the running server's TLS certificate (e.g. {@code trust().sslContext()}, or its
     * PEM text); {@code IllegalStateException} if the server serves no TLS.
     */
    public TrustMaterial trust() {
        Tls tls = lifecycle.running().tls();
        if (tls == null) {
            throw new IllegalStateException("inetty: no TLS (expected: InettyExtension.builder().tls(), or a Tls"
                    + " contributor through configure)");
        }
        return tls.trust();
    }

    /**
     * The server's counters since the current test began (connections, bytes, datagrams, drops; the open-connection
     * gauge as it is now). On the test's own thread that is its own start; from other threads, the start of the
     * test that began last; outside any test, the server's start.
     */
    public MetricsSnapshot metrics() {
        return lifecycle.metrics();
    }

    @Override
    Lifecycle lifecycle(ExtensionContext context, boolean create) {
        return lifecycle;
    }

    @Override
    public String toString() {
        return "InettyExtension" + lifecycle;
    }

    /** Collects the services and engine settings of an {@link InettyExtension}. */
    public static final class Builder {
        private final List<Service> services = new ArrayList<>();
        private final List<Consumer<Inetty.Builder>> settings = new ArrayList<>();
        private boolean tls;

        private Builder() {
        }

        /** Serves {@code service} (e.g. {@code Services.ECHO}) on every transport it speaks; default: all. */
        public Builder service(Service service) {
            requireNonNull(service, "service");
            if (services.stream().anyMatch(s -> s.name().equals(service.name()))) {
                throw new IllegalArgumentException("service: " + service.name() + " (added twice)");
            }
            services.add(service);
            return this;
        }

        /**
         * Changes an engine setting on the {@code Inetty.builder()} of every server this extension starts, e.g.
         * {@code configure(b -> b.limits(...))} or {@code configure(b -> b.threads(1))}; applied at each start, before
         * the services are added. A binding on a fixed port is refused at start: ports are ephemeral.
         */
        public Builder configure(Consumer<Inetty.Builder> setting) {
            settings.add(requireNonNull(setting, "setting"));
            return this;
        }

        /**
         * Also serves each service's TCP side over TLS, on a port of its own ({@code endpoints.tls("echo")}), with a
         * self-signed certificate for {@code localhost}, 127.0.0.1 and ::1 made once per extension; clients trust it
         * through {@link InettyExtension#trust()}. Own certificates, client certificates: add a {@code Tls}
         * contributor and {@code TlsOptions} bindings with {@link #configure}.
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /** The extension. */
        public InettyExtension build() {
            return new InettyExtension(services.isEmpty() ? Services.all() : List.copyOf(services), List.copyOf(settings),
                    tls);
        }
    }
}
