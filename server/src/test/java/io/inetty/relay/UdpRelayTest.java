package io.inetty.relay;

import static io.inetty.server.Net.V4_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.faults.Fault;
import io.inetty.faults.Faults;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.Net;
import io.inetty.server.ServiceBinding;
import io.inetty.server.TestServices;
import io.inetty.server.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The UDP relay on real sockets: many clients, replies from the address asked, expiry, the bound, faults. */
class UdpRelayTest {
    private InettyServer server;
    private DatagramSocket upstream;
    private final List<DatagramSocket> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(DatagramSocket::close);
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private DatagramSocket client(int relayPort) throws IOException {
        DatagramSocket s = new DatagramSocket(0, V4_LOOPBACK);
        s.setSoTimeout(2000);
        s.connect(V4_LOOPBACK, relayPort); // a connected socket drops replies from any other address
        clients.add(s);
        return s;
    }

    private static String exchange(DatagramSocket s, String text) throws IOException {
        return Net.exchangeAscii(s, text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void manyClientsEachGetTheirOwnRepliesFromTheRelaysAddress() throws IOException {
        try (InettyServer echo = Inetty.builder().service(TestServices.echo("echo", Transport.UDP), 0).start()) {
            int port;
            try (DatagramSocket probe = new DatagramSocket(0, V4_LOOPBACK)) {
                port = probe.getLocalPort();
            }
            for (int i = 0; i < 50; i++) {
                client(port);
            }
            long fds = openFiles();
            server = Inetty.builder().bind("127.0.0.1").service(Relay.udp("dns", "127.0.0.1:" + echo.port("echo")), port)
                    .start();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < clients.size(); i++) {
                    assertThat(exchange(clients.get(i), "client " + i + " round " + round))
                            .isEqualTo("client " + i + " round " + round);
                }
            }
            assertThat(openFiles()).as("one upstream socket per client").isGreaterThanOrEqualTo(fds + 50);
            server.close();
            assertThat(openFiles()).as("every mapping closed at stop").isLessThanOrEqualTo(fds);
        }
    }

    private static long openFiles() throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** An upstream echo that records the source port of every datagram; runs until closed. */
    private Set<Integer> recordingUpstream() throws IOException {
        upstream = new DatagramSocket(0, V4_LOOPBACK);
        Set<Integer> ports = java.util.Collections.synchronizedSet(new HashSet<>());
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            try {
                while (true) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    upstream.receive(p);
                    ports.add(p.getPort());
                    upstream.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                }
            } catch (IOException e) {
                // closed
            }
        }, "upstream-echo");
        t.setDaemon(true);
        t.start();
        return ports;
    }

    @Test
    void idleMappingsExpireAndANewOneIsMade() throws Exception {
        Set<Integer> ports = recordingUpstream();
        server = Inetty.builder().service(Relay.udp("dns", "127.0.0.1:" + upstream.getLocalPort())
                .withUdpIdleTimeout(Duration.ofMillis(200)), 0).start();
        DatagramSocket c = client(server.port("dns"));
        assertThat(exchange(c, "a")).isEqualTo("a");
        assertThat(exchange(c, "b")).isEqualTo("b");
        assertThat(ports).as("one mapping while active").hasSize(1);
        Thread.sleep(600);
        assertThat(exchange(c, "c")).isEqualTo("c");
        assertThat(ports).as("expired, then a new upstream socket").hasSize(2);
    }

    @Test
    void closingTheRelaysSocketClosesItsMappings() throws Exception {
        Set<Integer> ports = recordingUpstream();
        ServiceBinding binding = ServiceBinding.of(Relay.udp("dns", "127.0.0.1:" + upstream.getLocalPort()), Transport.UDP, 0);
        server = Inetty.builder().binding(binding).start();
        assertThat(exchange(client(server.port("dns")), "a")).isEqualTo("a");
        int mapping = ports.iterator().next();
        server.close(binding, true);
        // The mapping's upstream socket is closed with the relay's socket: its port can be bound again.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                Net.assertUdpBindable(V4_LOOPBACK, mapping);
                return;
            } catch (AssertionError stillBound) {
                if (System.nanoTime() > deadline) {
                    throw stillBound;
                }
                Thread.sleep(10);
            }
        }
    }

    @Test
    void theMappingBoundDropsNewClientsUntilOneExpires() throws Exception {
        recordingUpstream();
        Relay relay = Relay.udp("dns", "127.0.0.1:" + upstream.getLocalPort()).withUdpMappings(2)
                .withUdpIdleTimeout(Duration.ofMillis(400));
        server = Inetty.builder().bind("127.0.0.1").service(relay, 0).threads(1).start();
        int port = server.port("dns");
        DatagramSocket a = client(port);
        DatagramSocket b = client(port);
        DatagramSocket c = client(port);
        c.setSoTimeout(300);
        assertThat(exchange(a, "a")).isEqualTo("a");
        assertThat(exchange(b, "b")).isEqualTo("b");
        assertThat(exchange(c, "c")).as("a third client is over the bound").isNull();
        assertThat(relay.udpRefused()).isEqualTo(1);
        assertThat(exchange(a, "a2")).as("known clients go on").isEqualTo("a2");
        Thread.sleep(1000);
        c.setSoTimeout(2000);
        assertThat(exchange(c, "c2")).as("after expiry there is room").isEqualTo("c2");
    }

    @Test
    void repliesAsLargeAsTheirRequestsAreNotChargedAsAmplification() throws IOException {
        recordingUpstream();
        server = Inetty.builder().service(Relay.udp("dns", "127.0.0.1:" + upstream.getLocalPort()), 0).start();
        DatagramSocket c = client(server.port("dns"));
        String request = "x".repeat(500);
        for (int i = 0; i < 200; i++) { // 100 KB of replies, 25 times the default budget of a second
            assertThat(exchange(c, request)).as("reply %d", i).isEqualTo(request);
        }
    }

    @Test
    void downstreamFaultsActOnTheRelaysReplies() throws IOException {
        recordingUpstream();
        Faults faults = Faults.create();
        server = Inetty.builder().service(Relay.udp("dns", "127.0.0.1:" + upstream.getLocalPort()), 0)
                .pipeline(faults).start();
        faults.faults("dns", Transport.UDP).add(Fault.loss(1.0).withEvery(2));
        DatagramSocket c = client(server.port("dns"));
        c.setSoTimeout(300);
        assertThat(exchange(c, "1")).isEqualTo("1");
        assertThat(exchange(c, "2")).as("every second reply lost").isNull();
        assertThat(exchange(c, "3")).isEqualTo("3");
    }
}
