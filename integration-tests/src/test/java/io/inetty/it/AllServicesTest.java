package io.inetty.it;

import static io.inetty.it.Wire.TIMEOUT_MS;
import static io.inetty.it.Wire.assertChargen;
import static io.inetty.it.Wire.assertDaytime;
import static io.inetty.it.Wire.assertTime;
import static io.inetty.it.Wire.data;
import static io.inetty.it.Wire.exchange;
import static io.inetty.it.Wire.ip;
import static io.inetty.it.Wire.random;
import static io.inetty.it.Wire.readExactly;
import static io.inetty.it.Wire.readToEof;
import static io.inetty.it.Wire.retryUdp;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.it.InettyProcess.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.net.chargen.CharGenTCPClient;
import org.apache.commons.net.chargen.CharGenUDPClient;
import org.apache.commons.net.daytime.DaytimeTCPClient;
import org.apache.commons.net.daytime.DaytimeUDPClient;
import org.apache.commons.net.discard.DiscardTCPClient;
import org.apache.commons.net.discard.DiscardUDPClient;
import org.apache.commons.net.echo.EchoTCPClient;
import org.apache.commons.net.echo.EchoUDPClient;
import org.apache.commons.net.time.TimeTCPClient;
import org.apache.commons.net.time.TimeUDPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every service on TCP and UDP over IPv4 and IPv6, one daemon for the class, spoken to by Apache Commons
 * Net's clients (plain sockets for qotd, which Commons Net lacks, and for what its clients cannot do).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AllServicesTest {
    static final List<String> SERVICES = List.of("echo", "discard", "chargen", "qotd", "daytime", "time", "whoami");

    static InettyProcess inetty;

    @BeforeAll
    static void start() {
        inetty = InettyProcess.serve("--bind", "127.0.0.1", "--bind", "::1",
                "--service", "echo:0", "--service", "discard:0", "--service", "chargen:0",
                "--service", "qotd:0", "--service", "daytime:0", "--service", "time:0", "--service", "whoami:0");
    }

    @AfterAll
    static void stop() {
        if (inetty != null) {
            assertThat(inetty.stop()).as("exit code after SIGTERM: %s", inetty.describe()).isZero();
        }
    }

    private static int port(String service, String transport) {
        return inetty.port(service, transport);
    }

    /** Connects to {@code service} over TCP on {@code host} and reads its whole answer (at most {@code max} bytes). */
    private static byte[] answerUntilEof(String service, String host, int max) throws IOException {
        try (Socket socket = Peers.connect(Peers.at(host, port(service, "tcp")))) {
            return readToEof(socket.getInputStream(), max);
        }
    }

    // ---------------------------------------------------------------- the ready protocol, port 0

    @Test
    void eachServiceSharesOneEphemeralPortAcrossTransportsAndAddresses() {
        List<Endpoint> all = inetty.endpoints();
        assertThat(all).hasSize(SERVICES.size() * 2 * 2);
        assertThat(inetty.stdout()).last().isEqualTo("ready");
        Set<Integer> ports = new HashSet<>();
        for (String service : SERVICES) {
            List<Endpoint> these = all.stream().filter(e -> e.service().equals(service)).toList();
            assertThat(these).as(service)
                    .extracting(e -> e.transport() + " " + e.ip().getHostAddress())
                    .containsExactlyInAnyOrder("tcp 127.0.0.1", "tcp 0:0:0:0:0:0:0:1",
                            "udp 127.0.0.1", "udp 0:0:0:0:0:0:0:1");
            Set<Integer> servicePorts = these.stream().map(Endpoint::port).collect(Collectors.toSet());
            assertThat(servicePorts).as("ports of %s", service).hasSize(1);
            assertThat(servicePorts.iterator().next()).as("port of %s", service).isBetween(1, 65535);
            ports.addAll(servicePorts);
        }
        assertThat(ports).as("one port per service").hasSize(SERVICES.size());
        assertThat(inetty.stdout()).filteredOn(l -> l.startsWith("listening "))
                .contains("listening echo udp [::1]:" + port("echo", "udp"),
                        "listening echo tcp 127.0.0.1:" + port("echo", "tcp"));
    }

    // ---------------------------------------------------------------- echo (RFC 862)

    @ParameterizedTest(name = "echo over TCP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void echoTcpReturnsEveryByte(String host) throws Exception {
        byte[] data = random(256 * 1024, 862);
        byte[] back = CommonsNet.tcp(new EchoTCPClient(), ip(host), port("echo", "tcp"), client -> {
            assertThat(client.getRemoteAddress()).isEqualTo(ip(host));
            OutputStream out = client.getOutputStream();
            // Write while reading: echo stops reading when the client does not read.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int off = 0; off < data.length; off += 8192) {
                        out.write(data, off, 8192);
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] echoed = readExactly(client.getInputStream(), data.length);
            writer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return echoed;
        });
        assertThat(back).isEqualTo(data);
    }

    @ParameterizedTest(name = "echo over UDP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void echoUdpReturnsEachDatagram(String host) throws Exception {
        byte[] data = "Hello, echo! \r\n\0\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] back = new byte[1024];
        int n = CommonsNet.udp(new EchoUDPClient(), client -> retryUdp(() -> {
            client.send(data, data.length, ip(host), port("echo", "udp"));
            return client.receive(back);
        }));
        assertThat(java.util.Arrays.copyOf(back, n)).isEqualTo(data);
    }

    @ParameterizedTest(name = "largest UDP datagram echoed whole over {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void echoUdpReturnsTheLargestDatagramWhole(String host) throws Exception {
        InetAddress address = ip(host);
        int largest = address instanceof Inet4Address ? 65_507 : 65_527;
        byte[] data = random(largest, largest);
        try (DatagramSocket socket = new DatagramSocket(0, address)) {
            socket.setSendBufferSize(256 * 1024);
            socket.setReceiveBufferSize(256 * 1024);
            DatagramPacket reply = exchange(socket, data, new InetSocketAddress(address, port("echo", "udp")));
            assertThat(reply.getLength()).isEqualTo(largest);
            assertThat(data(reply)).isEqualTo(data);
        }
    }

    // ---------------------------------------------------------------- discard (RFC 863)

    @ParameterizedTest(name = "discard over TCP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void discardTcpTakesAMebibyteAndSendsNothing(String host) throws Exception {
        int afterOurEof = CommonsNet.tcpWithSocket(new DiscardTCPClient(), ip(host), port("discard", "tcp"), (client, socket) -> {
            OutputStream out = client.getOutputStream();
            byte[] chunk = random(64 * 1024, 863);
            for (int i = 0; i < 16; i++) {
                out.write(chunk);
            }
            out.flush();
            socket.shutdownOutput();
            return socket.getInputStream().read();
        });
        assertThat(afterOurEof).as("EOF, no data, after our EOF").isEqualTo(-1);
    }

    @ParameterizedTest(name = "discard over UDP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void discardUdpNeverReplies(String host) throws Exception {
        byte[] data = "discard me".getBytes(US_ASCII);
        CommonsNet.udpWithSocket(new DiscardUDPClient(), (client, socket) -> {
            client.send(data, data.length, ip(host), port("discard", "udp"));
            client.send(new byte[0], 0, ip(host), port("discard", "udp"));
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> socket.receive(new DatagramPacket(new byte[2048], 2048)))
                    .as("a reply from discard").isInstanceOf(SocketTimeoutException.class);
            // Control: the same socket does receive a reply when one is sent (from echo).
            byte[] back = data(exchange(socket, data, new InetSocketAddress(ip(host), port("echo", "udp"))));
            assertThat(back).isEqualTo(data);
            return null;
        });
    }

    // ---------------------------------------------------------------- chargen (RFC 864)

    @ParameterizedTest(name = "chargen over TCP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void chargenTcpStreamsTheRotatingPattern(String host) throws Exception {
        // More than three periods of the pattern (95 lines of 74 bytes).
        byte[] stream = CommonsNet.tcp(new CharGenTCPClient(), ip(host), port("chargen", "tcp"),
                client -> readExactly(client.getInputStream(), 3 * 95 * 74 + 1000));
        assertChargen(stream, true);
        String first = new String(stream, 0, 74, US_ASCII);
        assertThat(first).hasSize(74).endsWith("\r\n");
        String second = new String(stream, 74, 74, US_ASCII);
        assertThat(second.charAt(0)).isEqualTo(first.charAt(1));
    }

    @ParameterizedTest(name = "chargen over UDP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void chargenUdpAnswersWithAPieceOfThePattern(String host) throws Exception {
        InetAddress address = ip(host);
        int port = port("chargen", "udp");
        CharGenUDPClient client = new CharGenUDPClient();
        client.open();
        int nonEmpty = 0;
        try {
            client.setSoTimeout(2000);
            for (int i = 0; i < 8; i++) {
                byte[] reply = retryUdp(() -> {
                    client.send(address, port);
                    return client.receive();
                });
                assertThat(reply.length).isBetween(0, 512);
                assertChargen(reply, false);
                nonEmpty += reply.length > 0 ? 1 : 0;
            }
        } finally {
            client.close();
        }
        assertThat(nonEmpty).as("non-empty replies of 8 (each is 0-512 bytes at random)").isPositive();
        // Commons Net reads at most 512 bytes: check the real length with a larger buffer.
        try (DatagramSocket socket = new DatagramSocket(0, address)) {
            for (int i = 0; i < 10; i++) {
                DatagramPacket reply = exchange(socket, new byte[] {'x'}, new InetSocketAddress(address, port));
                assertThat(reply.getLength()).isBetween(0, 512);
                assertChargen(data(reply), false);
            }
        }
    }

    // ---------------------------------------------------------------- qotd (RFC 865), plain sockets

    @ParameterizedTest(name = "qotd over TCP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void qotdTcpSendsOneShortQuoteThenCloses(String host) throws Exception {
        assertQuote(answerUntilEof("qotd", host, 4096));
    }

    @ParameterizedTest(name = "qotd over UDP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void qotdUdpAnswersEachDatagramWithAQuote(String host) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, ip(host))) {
            byte[] quote = data(exchange(socket, new byte[] {'?'}, new InetSocketAddress(ip(host), port("qotd", "udp"))));
            assertQuote(quote);
        }
    }

    private static void assertQuote(byte[] quote) {
        String text = new String(quote, US_ASCII);
        assertThat(quote.length).as("quote %s", text).isBetween(3, 511);
        assertThat(text).endsWith("\r\n");
        assertThat(text.replace("\r\n", "")).as("printable ASCII without bare CR or LF")
                .matches("[\\x20-\\x7e\\t]+");
    }

    // ---------------------------------------------------------------- whoami, plain sockets

    @ParameterizedTest(name = "whoami over TCP and UDP to {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void whoamiNamesThePeerAndTheLocalAddressAsLiterals(String host) throws Exception {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        try (Socket socket = Peers.connect(Peers.at(host, port("whoami", "tcp")))) {
            String json = new String(readToEof(socket.getInputStream(), 4096), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).startsWith("{\"service\":\"whoami\",\"transport\":\"tcp\",\"peer\":\"" + literal + ":"
                    + socket.getLocalPort() + "\",\"local\":\"" + literal + ":" + port("whoami", "tcp") + "\",\"via\":null,")
                    .endsWith("Z\"}\n");
        }
        try (DatagramSocket socket = new DatagramSocket(0, ip(host))) {
            String json = new String(data(exchange(socket, new byte[0], new InetSocketAddress(ip(host),
                    port("whoami", "udp")))), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).as("an empty datagram is answered too").startsWith("{\"service\":\"whoami\",\"transport\":\"udp\",\"peer\":\""
                    + literal + ":" + socket.getLocalPort() + "\",\"local\":\"" + literal + ":" + port("whoami", "udp") + "\"");
        }
    }

    // ---------------------------------------------------------------- daytime (RFC 867) and time (RFC 868)

    @ParameterizedTest(name = "{0} over {1} to {2}")
    @CsvSource({"daytime, tcp, 127.0.0.1", "daytime, tcp, ::1", "daytime, udp, 127.0.0.1", "daytime, udp, ::1",
            "time, tcp, 127.0.0.1", "time, tcp, ::1", "time, udp, 127.0.0.1", "time, udp, ::1"})
    void daytimeAndTimeAnswerCommonsNetClients(String service, String transport, String host) throws Exception {
        InetAddress ip = ip(host);
        int port = port(service, transport);
        switch (service + "/" + transport) {
            case "daytime/tcp" -> assertDaytime(CommonsNet.tcp(new DaytimeTCPClient(), ip, port, DaytimeTCPClient::getTime));
            case "daytime/udp" -> assertDaytime(CommonsNet.udp(new DaytimeUDPClient(), c -> retryUdp(() -> c.getTime(ip, port))));
            case "time/tcp" -> assertTime(CommonsNet.tcp(new TimeTCPClient(), ip, port, TimeTCPClient::getTime));
            case "time/udp" -> assertTime(CommonsNet.udp(new TimeUDPClient(), c -> retryUdp(() -> c.getTime(ip, port))));
            default -> throw new IllegalArgumentException(service + "/" + transport);
        }
    }

    // ---------------------------------------------------------------- one-shot TCP services close after the answer

    @ParameterizedTest(name = "time and daytime over TCP to {0}: answer then EOF")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void timeAndDaytimeTcpCloseAfterTheirAnswer(String host) throws Exception {
        byte[] value = answerUntilEof("time", host, 64);
        assertThat(value).hasSize(4);
        assertTime(java.nio.ByteBuffer.wrap(value).getInt() & 0xFFFF_FFFFL);
        assertDaytime(new String(answerUntilEof("daytime", host, 256), US_ASCII));
    }

    @Test
    void anEmptyDatagramGetsAnAnswerFromTime() throws Exception {
        // RFC 868: the request datagram may be empty.
        InetAddress address = ip("127.0.0.1");
        try (DatagramSocket socket = new DatagramSocket(0, address)) {
            byte[] value = data(exchange(socket, new byte[0], new InetSocketAddress(address, port("time", "udp"))));
            assertThat(value).hasSize(4);
            assertTime(java.nio.ByteBuffer.wrap(value).getInt() & 0xFFFF_FFFFL);
        }
    }
}
