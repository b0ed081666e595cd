package io.inetty.bench;

import static java.util.Objects.requireNonNull;

import io.inetty.server.IoTransport;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Collects a {@link BenchConfig}; {@link #build} checks it, and a failure's message starts with the setting's
 * name ({@code connections: 0 (expected: 1-100000)}), which the command line maps to its option.
 */
public final class BenchConfigBuilder {
    private static final int MAX_TCP_SIZE = 1 << 20;
    private static final int MAX_UDP_SIZE = 65507;

    final String service;
    final String host;
    final InetSocketAddress target;
    Mode mode;
    boolean udp;
    int connections = 1;
    Long size;
    Duration duration = Duration.ofSeconds(10);
    Duration warmup = Duration.ofSeconds(1);
    long rate;
    int threads = Runtime.getRuntime().availableProcessors();
    IoTransport transport = IoTransport.AUTO;

    BenchConfigBuilder(String service, String host, InetSocketAddress target) {
        this.service = service;
        this.host = host;
        this.target = target;
    }

    /** The mode (null: the service's default, pingpong, sink or source) and whether it runs over UDP. */
    public BenchConfigBuilder mode(Mode mode, boolean udp) {
        this.mode = mode;
        this.udp = udp;
        return this;
    }

    /**
     * The load: {@code connections} (1-100000; churn: concurrent workers; UDP: connected sockets) and the message
     * or chunk bytes ({@code null}: the mode's default, 64 or 16 KiB; none for source).
     */
    public BenchConfigBuilder load(int connections, Long size) {
        this.connections = connections;
        this.size = size;
        return this;
    }

    /** The measurement window (default 10 s) after {@code warmup} (default 1 s). */
    public BenchConfigBuilder duration(Duration duration, Duration warmup) {
        this.duration = requireNonNull(duration, "duration");
        this.warmup = requireNonNull(warmup, "warmup");
        return this;
    }

    /** Pingpong: messages per second in all, on a fixed timetable; 0 = as fast as possible. */
    public BenchConfigBuilder rate(long rate) {
        this.rate = rate;
        return this;
    }

    /** Client event loops (at most one per connection is used) and their transport. */
    public BenchConfigBuilder threads(int threads, IoTransport transport) {
        this.transport = requireNonNull(transport, "transport");
        this.threads = threads;
        return this;
    }

    /** The checked run. */
    public BenchConfig build() {
        Mode defaultMode = Mode.defaultFor(service);
        check(defaultMode != null, "service: '" + service + "' (expected: echo, discard or chargen)");
        Mode m = mode == null ? defaultMode : mode;
        check(m.service().equals(service), "mode: " + m.label() + " is for " + m.service() + ", not " + service);
        check(!udp || m == Mode.PINGPONG, "udp: only echo's pingpong runs over UDP");
        check(connections >= 1 && connections <= 100_000, "connections: " + connections + " (expected: 1-100000)");
        check(m != Mode.SOURCE || size == null, "size: not used by source (chargen decides what it sends)");
        long s = size == null ? m.defaultSize : size;
        long min = m == Mode.SOURCE ? 0 : udp ? UdpConn.HEADER : 1;
        long max = udp ? MAX_UDP_SIZE : MAX_TCP_SIZE;
        check(s >= min && s <= max, "size: " + s + " (expected: " + min + "-" + max + ")");
        check(!duration.isZero() && !duration.isNegative() && duration.compareTo(Duration.ofHours(24)) <= 0,
                "duration: " + duration + " (expected: more than 0, at most 24h)");
        check(!warmup.isNegative() && warmup.compareTo(Duration.ofHours(1)) <= 0,
                "warmup: " + warmup + " (expected: at most 1h)");
        check(rate >= 0 && rate <= 100_000_000, "rate: " + rate + " (expected: 0-100000000)");
        check(rate == 0 || m == Mode.PINGPONG, "rate: only for pingpong");
        check(threads >= 1, "threads: " + threads + " (expected: 1 or more)");
        return new BenchConfig(this, m, (int) s);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
