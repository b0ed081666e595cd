package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Careless and hostile peers on every service: TCP connections that send random bytes and end with a
 * reset, UDP datagrams of random sizes; the daemon stays up, logs no warning, error or stack trace, and
 * still answers every service correctly.
 */
class RobustnessTest {
    static final List<String> SERVICES = List.of("echo", "discard", "chargen", "qotd", "daytime", "time");
    private static final int CONNECTIONS = 200;
    private static final int DATAGRAMS = 100;

    @Test
    void randomBytesAndResetsOnEveryServiceLeaveTheDaemonHealthy() throws Exception {
        try (InettyProcess inetty = Peers.serveOnLoopback(SERVICES)) {
            long start = System.nanoTime();
            AtomicLong writeFailures = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (String service : SERVICES) {
                    InetSocketAddress tcp = at("127.0.0.1", inetty.port(service, "tcp"));
                    for (int i = 0; i < CONNECTIONS; i++) {
                        long seed = service.hashCode() * 1000L + i;
                        tasks.add(pool.submit(() -> abuseTcp(tcp, seed, writeFailures)));
                    }
                    InetSocketAddress udp = at("127.0.0.1", inetty.port(service, "udp"));
                    tasks.add(pool.submit(() -> abuseUdp(udp, service.hashCode())));
                }
                for (Future<?> t : tasks) {
                    t.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(inetty.process().isAlive()).as("daemon alive: %s", inetty.describe()).isTrue();
            for (String service : SERVICES) {
                healthy(inetty, service);
            }
            assertThat(inetty.process().isAlive()).isTrue();
            long resets = inetty.stderrLines("reason=error").size();
            System.out.printf("[robustness] %d TCP connections (%d per service, 64 KiB random then RST; %d writes cut"
                            + " short by the server) and %d random UDP datagrams (0-65507 B) in %.1f s: daemon alive,"
                            + " every service answers; %d access-log lines with reason=error%n",
                    CONNECTIONS * SERVICES.size(), CONNECTIONS, writeFailures.get(), DATAGRAMS * SERVICES.size(),
                    seconds, resets);
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
            List<String> suspicious = inetty.stderrLines().stream()
                    .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception")
                            || l.startsWith("\tat ") || l.contains("LEAK"))
                    .toList();
            assertThat(suspicious).as("warnings, errors or stack traces on stderr").isEmpty();
        }
    }

    /** Connects, sends 64 KiB of random bytes (the server may close first), and resets the connection. */
    private static void abuseTcp(InetSocketAddress to, long seed, AtomicLong writeFailures) {
        try {
            Socket s = connect(to);
            try {
                s.getOutputStream().write(Wire.random(64 * 1024, seed));
            } catch (IOException closedByServer) {
                writeFailures.incrementAndGet();
            } finally {
                Peers.reset(s);
            }
        } catch (IOException e) {
            throw new AssertionError("connect to " + to, e);
        }
    }

    /** Datagrams of random sizes (0 to the IPv4 maximum, 65,507) and content; replies are never read. */
    private static void abuseUdp(InetSocketAddress to, long seed) {
        Random random = new Random(seed);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(Wire.ip("127.0.0.1"), 0))) {
            for (int i = 0; i < DATAGRAMS; i++) {
                int size = i == 0 ? 0 : i == 1 ? 65_507 : random.nextInt(65_508);
                byte[] b = new byte[size];
                random.nextBytes(b);
                socket.send(new DatagramPacket(b, size, to));
            }
        } catch (IOException e) {
            throw new AssertionError("UDP to " + to, e);
        }
    }

    /** One correct exchange with the service over TCP and over UDP (from 127.0.0.2: its own reply budget). */
    private static void healthy(InettyProcess inetty, String service) throws Exception {
        InetSocketAddress tcp = at("127.0.0.1", inetty.port(service, "tcp"));
        InetSocketAddress udp = at("127.0.0.1", inetty.port(service, "udp"));
        byte[] probe = "health check\r\n".getBytes(US_ASCII);
        try (Socket s = connect("127.0.0.2", tcp); DatagramSocket d = Peers.udpFrom("127.0.0.2")) {
            InputStream in = s.getInputStream();
            switch (service) {
                case "echo" -> {
                    s.getOutputStream().write(probe);
                    assertThat(Wire.readExactly(in, probe.length)).isEqualTo(probe);
                    assertThat(Wire.data(Wire.exchange(d, probe, udp))).isEqualTo(probe);
                }
                case "discard" -> {
                    s.getOutputStream().write(probe);
                    s.shutdownOutput();
                    assertThat(Wire.readToEof(in, 0)).isEmpty();
                    d.send(new DatagramPacket(probe, probe.length, udp));
                }
                case "chargen" -> {
                    Wire.assertChargen(Wire.readExactly(in, 10_000), true);
                    Wire.assertChargen(Wire.data(Wire.exchange(d, new byte[0], udp)), false);
                }
                case "qotd" -> {
                    byte[] quote = Wire.readToEof(in, 512);
                    assertThat(quote.length).isBetween(1, 511);
                    assertThat(Wire.data(Wire.exchange(d, new byte[0], udp)).length).isBetween(1, 511);
                }
                case "daytime" -> {
                    Wire.assertDaytime(new String(Wire.readToEof(in, 100), US_ASCII));
                    Wire.assertDaytime(new String(Wire.data(Wire.exchange(d, new byte[0], udp)), US_ASCII));
                }
                case "time" -> {
                    Wire.assertTime(Integer.toUnsignedLong(ByteBuffer.wrap(Wire.readToEof(in, 4)).getInt()));
                    byte[] t = Wire.data(Wire.exchange(d, new byte[0], udp));
                    assertThat(t).hasSize(4);
                    Wire.assertTime(Integer.toUnsignedLong(ByteBuffer.wrap(t).getInt()));
                }
                default -> throw new AssertionError(service);
            }
        }
    }
}
