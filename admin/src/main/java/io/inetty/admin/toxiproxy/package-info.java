/**
 * A Toxiproxy-compatible API (Toxiproxy 2.x's paths, JSON shapes, field names and status codes), so Toxiproxy's client
 * libraries drive inetty unchanged. A proxy is a relay ({@link io.inetty.relay.Relay}) opened on the running server
 * ({@code InettyServer.open}); its toxics are the faults of the relay's binding. {@link
 * io.inetty.admin.toxiproxy.Proxies} holds them (and adopts the relays given on the command line),
 * {@link io.inetty.admin.toxiproxy.ToxiproxyRoutes} maps {@code /version}, {@code /proxies...}, {@code /reset} and
 * {@code /populate} onto it. Extensions Toxiproxy clients never send: {@code "protocol": "udp"} on a proxy, and the
 * targeting fields on toxics.
 */
package io.inetty.admin.toxiproxy;
