/**
 * The engine: resolution, binding, pipelines, limits, metrics and the ordered stop. It knows no protocol and
 * no feature; services ({@link io.inetty.server.Service}) and features
 * ({@link io.inetty.server.PipelineContributor}) plug in through public hooks.
 *
 * <h2>Pipeline map</h2>
 * Stage names live in {@link io.inetty.server.Stages}; the order is fixed:
 * <pre>
 * TCP connection  inetty.proxy → inetty.tls → inetty.idle → inetty.connection → inetty.faults → &lt;service&gt; → inetty.errors
 *                 (contributor)  (contributor) (idle timeout)   (server)           (contributor)   (Service)   (server)
 * UDP socket      inetty.proxy → inetty.guard → inetty.faults → &lt;service&gt; → inetty.errors
 * </pre>
 * <ul>
 *   <li>{@code inetty.connection} ({@code Connection}): admission by the real peer (access rules, accept rate,
 *   total and per-address limits), the registry for the stop, live byte counts, session limits, the drain, the
 *   access-log line; it is the connection's {@link io.inetty.server.ConnectionInfo}.</li>
 *   <li>{@code inetty.guard} ({@code UdpGuard}): access rules and strict mode by the real sender, the
 *   amplification budget, live datagram counts, the UDP access-log line.</li>
 *   <li>{@code inetty.errors} ({@code ErrorHandler}): closes a failed connection; closes a half-closed one that no
 *   stage took over once its replies have left.</li>
 * </ul>
 *
 * <h2>Where a new feature goes</h2>
 * In its own package beside this one, using only public types: a {@link io.inetty.server.PipelineContributor} for
 * stages, {@link io.inetty.server.BindingOptions} keys for per-binding settings, {@link io.inetty.server.RealPeer}
 * and {@link io.inetty.server.ProxiedDatagram} to report a proxied client, {@link io.inetty.server.OutputShutdown}
 * to end a wrapped stream, {@link io.inetty.server.Metrics#snapshot()} to export counters,
 * {@link io.inetty.server.BindingOptions#SOCKETS} ({@link io.inetty.server.InheritedSockets}) to serve sockets a
 * service manager opened instead of binding.
 */
package io.inetty.server;
