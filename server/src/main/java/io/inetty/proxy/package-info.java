/**
 * The PROXY protocol (v1 and v2) from trusted sources only: a {@link io.inetty.proxy.ProxyProtocol} contributor
 * at the PROXY slot. A TCP connection from a trusted address must begin with a header (Netty's
 * {@code HAProxyMessageDecoder}); the connection becomes active only once it is read, with the client it names
 * as the real peer (access rules, limits, logs, {@code whoami} use it). A connection from any other address gets
 * no stage at all: its bytes are data. Over UDP, each datagram from a trusted address starts with a v2 header
 * (the format HAProxy and Cloudflare use; parsed here, since Netty's decoder is stream-only) and is passed on as
 * a {@link io.inetty.server.ProxiedDatagram}; malformed, truncated, oversized or forged headers are dropped and
 * counted.
 */
package io.inetty.proxy;
