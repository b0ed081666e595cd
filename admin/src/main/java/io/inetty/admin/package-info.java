/**
 * The admin HTTP endpoint: {@link io.inetty.admin.AdminServer#start} serves it beside a running
 * {@link io.inetty.server.InettyServer}, on the server's event loops, with Netty's HTTP codec; {@link
 * io.inetty.admin.AdminOptions} says where and for whom. Paths: {@code /livez}, {@code /readyz}, {@code /metrics}
 * (package {@code metrics}), {@code /endpoints}, {@code /services/{service}/{tcp|udp}/faults} (package {@code faults}),
 * and the Toxiproxy-compatible API (package {@code toxiproxy}). Security: loopback by default, a bearer token off
 * loopback (constant-time comparison), browsers may only read, 64 KiB bodies (413), a bounded number of connections,
 * each read one request at a time under a deadline.
 */
package io.inetty.admin;
