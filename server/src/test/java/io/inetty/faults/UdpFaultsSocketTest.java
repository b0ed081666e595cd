package io.inetty.faults;

import static io.inetty.server.Net.V4_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.TestServices;
import io.inetty.server.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each UDP fault on real sockets, against a server's UDP echo. */
class UdpFaultsSocketTest {
    private final Faults faults = Faults.create();
    private InettyServer server;
    private BindingFaults echo;
    private DatagramSocket client;

    @BeforeEach
    void start() throws IOException {
        server = Inetty.builder().service(TestServices.echo("echo", Transport.UDP), 0).pipeline(faults).start();
        echo = faults.faults("echo", Transport.UDP);
        client = new DatagramSocket(0, V4_LOOPBACK);
        client.connect(V4_LOOPBACK, server.port("echo"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void send(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(b, b.length));
    }

    /** Replies until none came for {@code quietMillis}. */
    private List<String> replies(int quietMillis) throws IOException {
        List<String> out = new ArrayList<>();
        client.setSoTimeout(quietMillis);
        byte[] buf = new byte[2048];
        while (true) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                client.receive(p);
            } catch (SocketTimeoutException e) {
                return out;
            }
            out.add(new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1));
        }
    }

    private List<String> burst(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            send(Integer.toString(i));
        }
        return replies(300);
    }

    @Test
    void lossWithASeedLosesTheSameDatagramsEachRun() throws IOException {
        echo.add(Fault.loss(0.5).withSeed(42));
        List<String> first = burst(60);
        assertThat(first.size()).isBetween(15, 45);
        echo.clear();
        echo.add(Fault.loss(0.5).withSeed(42));
        assertThat(burst(60)).isEqualTo(first);
        echo.clear();
        echo.add(Fault.loss(1.0).withEvery(2).withStream(Stream.UPSTREAM));
        assertThat(burst(6)).containsExactly("0", "2", "4");
        assertThat(server.metrics().snapshot().of("echo", Transport.UDP).datagramsIn()).isEqualTo(126);
    }

    @Test
    void duplicateReorderAndTruncate() throws IOException {
        FaultHandle dup = echo.add(Fault.duplicate(1.0).withFirst(1));
        assertThat(burst(2)).containsExactly("0", "0", "1");
        dup.close();
        FaultHandle reorder = echo.add(Fault.reorder(1.0, 1).withFirst(1));
        assertThat(burst(3)).containsExactly("1", "0", "2");
        reorder.close();
        echo.add(Fault.truncate(3));
        send("truncated");
        assertThat(replies(300)).containsExactly("tru");
    }

    @Test
    void corruptFlipsOneBit() throws IOException {
        echo.add(Fault.corrupt(1.0, 1));
        send("corruptible");
        byte[] got = replies(300).get(0).getBytes(StandardCharsets.ISO_8859_1);
        byte[] sent = "corruptible".getBytes(StandardCharsets.US_ASCII);
        int bits = 0;
        for (int i = 0; i < sent.length; i++) {
            bits += Integer.bitCount((sent[i] ^ got[i]) & 0xff);
        }
        assertThat(bits).isEqualTo(1);
    }

    @Test
    void latencyDelaysEachReply() throws IOException {
        echo.add(Fault.latency(Duration.ofMillis(200)));
        long t0 = System.nanoTime();
        send("slow");
        client.setSoTimeout(2000);
        client.receive(new DatagramPacket(new byte[16], 16));
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(200L, 1500L);
    }

    @Test
    void heldRequestsAndRepliesAreNotChargedAsAmplification() throws IOException {
        echo.add(Fault.latency(Duration.ofMillis(5)).withStream(Stream.UPSTREAM));
        echo.add(Fault.latency(Duration.ofMillis(5)));
        String request = "y".repeat(500);
        for (int i = 0; i < 100; i++) { // 50 KB of replies, beyond the default budget, all answering their requests
            send(request);
            client.setSoTimeout(2000);
            DatagramPacket reply = new DatagramPacket(new byte[1024], 1024);
            client.receive(reply);
            assertThat(reply.getLength()).as("reply %d", i).isEqualTo(500);
        }
    }

    @Test
    void ratePacesReplies() throws IOException {
        echo.add(Fault.ratePps(10));
        long t0 = System.nanoTime();
        List<String> got = burst(5);
        long elapsed = (System.nanoTime() - t0) / 1_000_000 - 300;
        assertThat(got).containsExactly("0", "1", "2", "3", "4");
        assertThat(elapsed).isBetween(350L, 1500L);
    }
}
