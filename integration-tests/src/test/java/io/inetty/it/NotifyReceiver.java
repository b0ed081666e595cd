package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for systemd's notification socket: socat receiving AF_UNIX datagrams at a path (what
 * {@code NOTIFY_SOCKET} names) and printing them, one {@code KEY=VALUE} per line.
 */
final class NotifyReceiver implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Path socket;
    private final InettyProcess socat;

    private NotifyReceiver(Path socket, InettyProcess socat) {
        this.socket = socket;
        this.socat = socat;
    }

    /** Listens at {@code socket} (created by socat); returns once it exists. */
    static NotifyReceiver at(Path socket) {
        return at(socket, "");
    }

    /** Listens at {@code socket} with socat's address {@code options} (e.g. {@code ,perm=0666}). */
    static NotifyReceiver at(Path socket, String options) {
        NotifyReceiver r = new NotifyReceiver(socket, InettyProcess.spawn(Map.of(),
                List.of("socat", "-u", "UNIX-RECV:" + socket + options, "-")));
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (!Files.exists(socket)) {
                assertThat(System.nanoTime()).as("socat created %s: %s", socket, r.socat.describe()).isLessThan(deadline);
                pause(20);
            }
            return r;
        } catch (Throwable t) {
            r.close(); // not handed to the caller yet
            throw t;
        }
    }

    /** The value for the daemon's {@code NOTIFY_SOCKET}. */
    String address() {
        return socket.toString();
    }

    /** Every line received so far. */
    List<String> lines() {
        return socat.stdout();
    }

    /** Waits until {@code line} has arrived, then returns every line so far (that datagram's other lines too). */
    List<String> await(String line) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!lines().contains(line)) {
            assertThat(System.nanoTime()).as("'%s' within %s: %s", line, WAIT, socat.describe()).isLessThan(deadline);
            pause(10);
        }
        pause(100); // one datagram is several lines, read one by one
        return lines();
    }

    @Override
    public void close() {
        socat.close();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
