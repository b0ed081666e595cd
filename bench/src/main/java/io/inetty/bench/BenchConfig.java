package io.inetty.cli.bench;

import io.inetty.server.IoTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One validated bench run.
 *
 * @param service     echo, discard or chargen
 * @param mode        what to do (compatible with the service)
 * @param udp         UDP (pingpong only) rather than TCP
 * @param host        the target as typed (for the report)
 * @param target      the resolved target
 * @param connections connections (churn: concurrent workers; UDP: connected sockets)
 * @param size        message or chunk bytes (0 for source)
 * @param duration    the measurement window
 * @param warmup      excluded from the results
 * @param rate        pingpong: total messages per second on a fixed timetable, 0 = as fast as possible
 * @param threads     client event loops
 * @param transport   the client's I/O transport
 */
record BenchConfig(String service, Mode mode, boolean udp, String host, InetSocketAddress target, int connections,
                   int size, Duration duration, Duration warmup, long rate, int threads, IoTransport transport) {
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

    InetAddress address() {
        return target.getAddress();
    }
}
