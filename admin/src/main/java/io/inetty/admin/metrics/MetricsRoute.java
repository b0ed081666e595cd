package io.inetty.admin.metrics;

import io.inetty.admin.http.Request;
import io.inetty.admin.http.Response;
import io.inetty.admin.http.Router;
import io.inetty.faults.Faults;
import io.inetty.server.InettyServer;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /metrics}: a registry of its own (never the client's global one) with the {@link InettyCollector} and
 * the client's process and JVM metrics, written by the client's exposition writer chosen from the {@code Accept}
 * header (Prometheus text by default, OpenMetrics when asked). The registry is made at the first scrape: the JVM
 * metrics take a tenth of a second to set up, which the start of the admin endpoint need not wait for.
 */
public final class MetricsRoute implements Router.Handler {
    private final InettyServer server;
    private final Faults faults;
    private PrometheusRegistry registry;
    private ExpositionFormats formats;

    /** The metrics of {@code server} and, if not null, of {@code faults}. */
    public MetricsRoute(InettyServer server, Faults faults) {
        this.server = server;
        this.faults = faults;
    }

    private synchronized PrometheusRegistry registry() {
        if (registry == null) {
            PrometheusRegistry r = new PrometheusRegistry();
            r.register(new InettyCollector(server, faults));
            r.register((MultiCollector) () -> Jvm.REGISTRY.scrape());
            formats = ExpositionFormats.init();
            registry = r;
        }
        return registry;
    }

    /**
     * The client's JVM metrics, set up once per JVM: they register GC listeners and a static registry list that are
     * never removed, so every admin (one per server, or per test) shares them instead of adding its own.
     */
    private static final class Jvm {
        static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(REGISTRY);
        }
    }

    @Override
    public Response handle(Request request) {
        PrometheusRegistry registry = registry();
        String accept = request.headers().get(HttpHeaderNames.ACCEPT);
        ExpositionFormatWriter writer = formats.findWriter(accept);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.fromAcceptHeader(accept));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Response(HttpResponseStatus.OK, writer.getContentType(), out.toByteArray(), Map.of());
    }
}
