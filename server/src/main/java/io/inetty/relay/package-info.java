/**
 * Relays: {@link io.inetty.relay.Relay} is a {@link io.inetty.server.Service} that listens like one and forwards to
 * an upstream over TCP (one upstream connection per client, half-close and backpressure carried both ways, a refused
 * upstream resets the client) and UDP (one upstream socket per client, idle mappings expire, bounded), with the
 * server's access rules, limits, drain, metrics and faults.
 */
package io.inetty.relay;
