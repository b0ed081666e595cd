package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static io.inetty.it.Peers.serveOnLoopback;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connection limits at accept: a connection over a limit is closed before the service sends a byte (the
 * client reads EOF at once, where an admitted chargen or daytime client gets data), and logged with its
 * reason.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LimitsTest {

    /** Admitted: chargen sends at once. Refused: EOF before any byte. */
    private static boolean admitted(Socket s) throws IOException {
        return s.getInputStream().read() != -1;
    }

    @Test
    void maxConnectionsRefusesTheFourthBeforeAnyByte() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("chargen/tcp", "--max-connections", "3")) {
            InetSocketAddress chargen = at("127.0.0.1", inetty.port("chargen", "tcp"));
            try (Clients open = new Clients(chargen)) {
                for (int i = 0; i < 3; i++) {
                    assertThat(admitted(open.connect())).as("connection %d admitted", i + 1).isTrue();
                }
                int refusedPort;
                try (Socket fourth = connect(chargen)) {
                    refusedPort = fourth.getLocalPort();
                    assertThat(fourth.getInputStream().read()).as("the 4th connection: EOF before any byte").isEqualTo(-1);
                }
                String line = inetty.awaitStderrLine("peer=127.0.0.1:" + refusedPort + " ", Duration.ofSeconds(10));
                assertThat(line).contains("tcp chargen ").endsWith(" in=0 out=0 ms=0 reason=max-connections");

                // A slot freed by a client that leaves is given to the next one.
                Peers.reset(open.all().remove(0));
                boolean again = false;
                for (int attempt = 0; attempt < 50 && !again; attempt++) {
                    try (Socket s = connect(chargen)) {
                        again = admitted(s);
                    }
                    if (!again) {
                        Thread.sleep(100);
                    }
                }
                assertThat(again).as("admitted again once a connection closed").isTrue();
                System.out.println("[limits] --max-connections 3: 3 admitted, the 4th refused with EOF before any byte: "
                        + line.substring(line.indexOf("tcp chargen")));
            }
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }

    @Test
    void maxConnectionsPerIpCountsEachSourceAddress() throws Exception {
        try (InettyProcess inetty = serveOnLoopback("chargen/tcp", "--max-connections-per-ip", "2")) {
            InetSocketAddress chargen = at("127.0.0.1", inetty.port("chargen", "tcp"));
            try (Clients open = new Clients(chargen)) {
                for (String source : List.of("127.0.0.1", "127.0.0.2")) {
                    for (int i = 0; i < 2; i++) {
                        assertThat(admitted(open.connect(source))).as("connection %d from %s admitted", i + 1, source).isTrue();
                    }
                    int refusedPort;
                    try (Socket third = connect(source, chargen)) {
                        refusedPort = third.getLocalPort();
                        assertThat(third.getInputStream().read()).as("3rd connection from %s: EOF", source).isEqualTo(-1);
                    }
                    String line = inetty.awaitStderrLine("peer=" + source + ":" + refusedPort + " ", Duration.ofSeconds(10));
                    assertThat(line).contains("tcp chargen ").endsWith(" reason=max-connections-per-ip");
                }
                assertThat(inetty.stderrLines("reason=max-connections-per-ip")).hasSize(2);
                System.out.println("[limits] --max-connections-per-ip 2: 2 admitted from 127.0.0.1 and 2 from 127.0.0.2,"
                        + " the 3rd from each refused");
            }
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }

    @Test
    void maxAcceptRateAdmitsABurstThenTheRate() throws Exception {
        int rate = 10;
        int attempts = 50;
        try (InettyProcess inetty = serveOnLoopback("daytime/tcp", "--max-accept-rate", Integer.toString(rate))) {
            InetSocketAddress daytime = at("127.0.0.1", inetty.port("daytime", "tcp"));
            int admitted = 0;
            long start = System.nanoTime();
            double elapsed;
            try (Clients sockets = new Clients(daytime)) {
                for (int i = 0; i < attempts; i++) {
                    sockets.connect();
                }
                // Every decision is taken by the time each socket has its answer (a line, or EOF at once).
                for (Socket s : sockets.all()) {
                    byte[] got = Wire.readToEof(s.getInputStream(), 1024);
                    if (got.length > 0) {
                        Wire.assertDaytime(new String(got, java.nio.charset.StandardCharsets.US_ASCII));
                        admitted++;
                    }
                }
                elapsed = (System.nanoTime() - start) / 1e9;
            }
            // One second of burst, then the rate, over the time the client saw (it contains the server's).
            long bound = rate + (long) Math.ceil(rate * elapsed) + 1;
            List<String> refused = inetty.awaitStderrLines("reason=max-accept-rate", attempts - admitted,
                    Duration.ofSeconds(10));
            System.out.printf("[limits] --max-accept-rate %d: %d connections opened in %.3f s, %d admitted (bound: burst"
                    + " %d + rate x elapsed = %d), %d refused with reason=max-accept-rate%n", rate, attempts, elapsed,
                    admitted, rate, bound, refused.size());
            assertThat(admitted).as("admitted of %d in %.3f s", attempts, elapsed).isBetween(rate, (int) bound);
            assertThat(refused).hasSize(attempts - admitted)
                    .allSatisfy(l -> assertThat(l).contains("tcp daytime peer=127.0.0.1:").endsWith(" in=0 out=0 ms=0 reason=max-accept-rate"));
            assertThat(inetty.stop()).as(inetty.describe()).isZero();
        }
    }
}
