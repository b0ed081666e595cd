package io.inetty.bench;

import static java.util.Objects.requireNonNull;

import io.inetty.server.IoTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One checked bench run, made by {@link #builder}: the mode resolved from the service, the message size, the
 * client threads (at most one per connection). Opaque outside this package: pass it to {@link Bench}.
 */
public final class BenchConfig {
    /** Stream: at most this many bytes sent and not yet echoed per connection (as loadgen's --window). */
    static final int STREAM_WINDOW = 1 << 20;
    /** TCP: no progress for this long on a connection that waits for data is a timeout (loadgen's --timeout). */
    static final long TCP_TIMEOUT_NANOS = 3_000_000_000L;
    /** UDP: a datagram not echoed within this is lost (loadgen's --udp-timeout). */
    static final long UDP_TIMEOUT_NANOS = 200_000_000L;
    /** Pause before reconnecting after an error, so that a broken server does not make a busy loop. */
    static final long RECONNECT_DELAY_MILLIS = 10;
    /** Connect timeout. */
    static final int CONNECT_TIMEOUT_MILLIS = 3000;

    /** echo, discard or chargen. */
    final String service;
    /** The target as typed, for the report; {@link #target} is it resolved. */
    final String host;
    final InetSocketAddress target;
    final Mode mode;
    /** UDP (echo pingpong) rather than TCP. */
    final boolean udp;
    /** Connections (churn: concurrent workers; UDP: connected sockets). */
    final int connections;
    /** Message or chunk bytes (0 for source). */
    final int size;
    /** The measurement window, after the warmup (excluded from the results). */
    final Duration duration;
    final Duration warmup;
    /** Pingpong: total messages per second on a fixed timetable; 0 = as fast as possible. */
    final long rate;
    /** Client event loops, and their transport (as asked: the run resolves {@code AUTO}). */
    final int threads;
    final IoTransport transport;

    BenchConfig(BenchConfigBuilder b, Mode mode, int size) {
        this.service = b.service;
        this.host = b.host;
        this.target = b.target;
        this.mode = mode;
        this.udp = b.udp;
        this.connections = b.connections;
        this.size = size;
        this.duration = b.duration;
        this.warmup = b.warmup;
        this.rate = b.rate;
        this.threads = Math.min(b.threads, b.connections);
        this.transport = b.transport;
    }

    /** A run against {@code service} (echo, discard or chargen) at {@code target}, {@code host} as typed. */
    public static BenchConfigBuilder builder(String service, String host, InetSocketAddress target) {
        return new BenchConfigBuilder(requireNonNull(service, "service"), requireNonNull(host, "host"),
                requireNonNull(target, "target"));
    }

    InetAddress address() {
        return target.getAddress();
    }
}
