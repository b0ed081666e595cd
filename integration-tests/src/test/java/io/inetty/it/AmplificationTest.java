package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.flood;
import static io.inetty.it.Peers.sum;
import static io.inetty.it.Peers.udpLines;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.Peers.Flood;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The UDP amplification guard, measured on the wire (payload + 28 bytes of IPv4 and UDP headers): a
 * source flooding chargen or qotd gets back less than it sends, while a polite source (its own budget)
 * is answered every time; without the guard chargen reflects many times the flood; echo is never
 * throttled; --udp-strict still serves loopback sources on low ports.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AmplificationTest {
    private static final int FLOOD = 2000;
    /** The flood that runs alongside the polite client: 3 s. */
    private static final int GUARDED_FLOOD = 6000;
    /** Datagrams a millisecond: 2,000 a second. */
    private static final int PER_MILLI = 2;

    /** What a polite client got: requests answered, and of them answered at the first attempt. */
    record Polite(int answered, int firstAttempt) {
    }

    /**
     * Sends 3 requests a second for 3 s from {@code source}. A request met by silence is asked again (up to 3
     * attempts, 300 ms apart, still within the flood): the flood may overflow the server's receive queue, and
     * UDP may lose a datagram; a spent reply budget would keep silent at every attempt.
     */
    private static Polite polite(String source, InetSocketAddress to) throws IOException {
        int answered = 0;
        int firstAttempt = 0;
        try (DatagramSocket socket = Peers.udpFrom(source)) {
            for (int i = 0; i < 9; i++) {
                long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(333);
                for (int attempt = 0; attempt < 3; attempt++) {
                    if (Wire.ask(socket, new byte[0], to, 300) != null) {
                        answered++;
                        firstAttempt += attempt == 0 ? 1 : 0;
                        break;
                    }
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Peers.sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                }
            }
        }
        return new Polite(answered, firstAttempt);
    }

    @ParameterizedTest(name = "{0}/udp flooded from {1}, polite client on {2}")
    @CsvSource({"chargen, 127.0.0.3, 127.0.0.2", "qotd, 127.0.0.4, 127.0.0.5"})
    void guardBoundsTheReflectionOfAFloodAndStillAnswersAPoliteClient(String service, String flooder, String politeSource)
            throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", service + "/udp:0")) {
            InetSocketAddress to = at("127.0.0.1", inetty.port(service, "udp"));
            CompletableFuture<Polite> polite = CompletableFuture.supplyAsync(() -> {
                try {
                    return polite(politeSource, to);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // As long as the polite client asks: 3 s at 2,000 datagrams a second.
            Flood f = flood(flooder, to, GUARDED_FLOOD, 0, PER_MILLI);
            Polite answers = polite.get(30, TimeUnit.SECONDS);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            List<String> udp = udpLines(inetty, service);
            long received = sum(udp, "datagrams_in");
            System.out.printf("[amplification] %s/udp, default guard (4096 B/s, burst 8192): flood of empty datagrams: %s;"
                            + " polite client (3/s for 3 s during the flood, another source): %d/9 answered (%d at the"
                            + " first attempt); server: datagrams_in=%d (of %d sent) dropped_budget=%d%n",
                    service, f, answers.answered(), answers.firstAttempt(), received, GUARDED_FLOOD + 9,
                    sum(udp, "dropped_budget"));
            assertThat(f.ratio()).as("reply/request bytes on the wire: %s", f).isLessThanOrEqualTo(2.0);
            assertThat(f.replies()).as("the flooder still gets some answers (the burst)").isPositive();
            assertThat(answers.answered()).as("answers to the polite client").isEqualTo(9);
            assertThat(sum(udp, "dropped_budget")).as("dropped_budget in %s", udp).isPositive();
            // The kernel may drop part of a flood before the server reads it (receive queue full).
            assertThat(received).as("datagrams_in in %s", udp).isBetween(GUARDED_FLOOD / 2L, GUARDED_FLOOD + 27L);
        }
    }

    @Test
    void withoutTheGuardChargenReflectsManyTimesTheFlood() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "chargen/udp:0",
                "--udp-reply-budget", "0")) {
            Flood f = flood("127.0.0.1", at("127.0.0.1", inetty.port("chargen", "udp")), FLOOD, 0, PER_MILLI);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            List<String> udp = udpLines(inetty, "chargen");
            System.out.printf("[amplification] chargen/udp, --udp-reply-budget 0 (guard off): %s; dropped_budget=%d,"
                    + " dropped_queue_full=%d%n", f, sum(udp, "dropped_budget"), sum(udp, "dropped_queue_full"));
            // 0-512 random characters per reply: about 256 + 28 for 28 on the wire, some 10 times.
            assertThat(f.ratio()).as("reply/request bytes on the wire: %s", f).isGreaterThan(5.0);
            assertThat(sum(udp, "dropped_budget")).isZero();
        }
    }

    @Test
    void echoIsNeverThrottled() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/udp:0")) {
            Flood f = flood("127.0.0.1", at("127.0.0.1", inetty.port("echo", "udp")), FLOOD, 64, PER_MILLI);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            List<String> udp = udpLines(inetty, "echo");
            System.out.printf("[amplification] echo/udp, default guard: flood of 64-byte datagrams: %s; server:"
                            + " datagrams_in=%d datagrams_out=%d dropped_budget=%d%n", f, sum(udp, "datagrams_in"),
                    sum(udp, "datagrams_out"), sum(udp, "dropped_budget"));
            // Every datagram the server received was answered, whole; a small loss in the kernel is allowed.
            assertThat(sum(udp, "dropped_budget")).as("dropped_budget in %s", udp).isZero();
            assertThat(sum(udp, "datagrams_out")).as("replies in %s", udp).isEqualTo(sum(udp, "datagrams_in"));
            assertThat(f.replies()).as("echo replies: %s", f).isGreaterThanOrEqualTo(FLOOD * 80L / 100);
            assertThat(f.replyPayloadBytes()).isEqualTo(f.replies() * 64);
        }
    }

    @Test
    void strictModeStillServesLoopbackSourcesOnLowPorts() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "daytime/udp:0",
                "--udp-strict")) {
            InetSocketAddress to = at("127.0.0.1", inetty.port("daytime", "udp"));
            // Strict mode drops sources on ports below 1024, except loopback sources (the unit tests of UdpGuard
            // cover the non-loopback case, which loopback cannot show).
            try (DatagramSocket low = lowPortSocket()) {
                DatagramPacket reply = Wire.exchange(low, new byte[0], to);
                Wire.assertDaytime(new String(Wire.data(reply), US_ASCII));
                System.out.println("[amplification] --udp-strict: loopback source 127.0.0.1:" + low.getLocalPort()
                        + " (below 1024) served");
            }
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            assertThat(sum(udpLines(inetty, "daytime"), "dropped_strict")).isZero();
        }
    }

    /** A UDP socket on 127.0.0.1 with a free port below 1024 (the tests run as root). */
    private static DatagramSocket lowPortSocket() throws IOException {
        for (int port = 1023; port > 900; port--) {
            try {
                return new DatagramSocket(new InetSocketAddress(Wire.ip("127.0.0.1"), port));
            } catch (BindException taken) {
                // try the next one
            }
        }
        throw new AssertionError("no free UDP port in 901-1023 on 127.0.0.1 (not root?)");
    }
}
