/**
 * {@code /metrics}: the server's live counters through the official Prometheus Java client.
 * {@link io.inetty.admin.metrics.InettyCollector} reads {@code InettyServer.metrics().snapshot()} and the fault
 * engine's counts at every scrape (never a copy kept between scrapes, never hand-written text);
 * {@link io.inetty.admin.metrics.MetricsRoute} adds the client's process and JVM metrics and writes the Prometheus
 * text format, or OpenMetrics when the {@code Accept} header asks for it. Labels are {@code service},
 * {@code transport}, {@code reason} and {@code type}; never a client address.
 */
package io.inetty.admin.metrics;
