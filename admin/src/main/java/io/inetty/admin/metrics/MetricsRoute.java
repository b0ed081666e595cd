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
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@code GET /metrics}: a registry of its own (never the client's global one) with the {@link InettyCollector} and
 * the client's process and JVM metrics, written by the client's exposition writer chosen from the {@code Accept}
 * header (Prometheus text by default, OpenMetrics when asked).
 */
public final class MetricsRoute implements Router.Handler {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();

    /** The metrics of {@code server} and, if not null, of {@code faults}. */
    public MetricsRoute(InettyServer server, Faults faults) {
        registry.register(new InettyCollector(server, faults));
        JvmMetrics.builder().register(registry);
    }

    @Override
    public Response handle(Request request) {
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
