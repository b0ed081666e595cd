package io.inetty.server;

import static io.inetty.server.Net.V4_ANY;
import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.V4_LOOPBACK_2;
import static io.inetty.server.Net.V6_ANY;
import static io.inetty.server.Net.V6_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.uring.IoUring;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Starting a server on real sockets, reading back its endpoints and talking to it over TCP and UDP. */
@Timeout(60)
class ServeTest {
    private static final Service ECHO = TestServices.echo("echo");

    @EachIoTransport
    void explicitHostsShareOnePortAcrossTransportsAndFamilies(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").bind("::1").service(ECHO, 0)
                .transport(transport).threads(1).start()) {
            assertThat(server.transport()).isEqualTo(transport);
            int port = server.port("echo");
            assertThat(port).isBetween(1, 65535);
            assertThat(server.endpoints()).extracting(Endpoint::toString).containsExactly(
                    "echo/tcp 127.0.0.1:" + port, "echo/tcp [::1]:" + port,
                    "echo/udp 127.0.0.1:" + port, "echo/udp [::1]:" + port);
            assertThat(server.endpoints()).extracting(Endpoint::address).containsExactly(
                    new InetSocketAddress(V4_LOOPBACK, port), new InetSocketAddress(V6_LOOPBACK, port),
                    new InetSocketAddress(V4_LOOPBACK, port), new InetSocketAddress(V6_LOOPBACK, port));
            assertThat(server.endpoints()).extracting(Endpoint::hostAndPort).containsExactly(
                    "127.0.0.1:" + port, "[::1]:" + port, "127.0.0.1:" + port, "[::1]:" + port);
            assertThat(server.port("echo", Transport.TCP)).isEqualTo(port);
            assertThat(server.port("echo", Transport.UDP)).isEqualTo(port);
            assertThatThrownBy(() -> server.port("nope")).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("nope").hasMessageContaining("echo");

            for (InetAddress a : List.of(V4_LOOPBACK, V6_LOOPBACK)) {
                Net.tcpEcho(a, port);
                Net.udpEchoConnected(a, port);
            }
            // The port really is in use, for both transports and families.
            assertThatThrownBy(() -> new java.net.DatagramSocket(new InetSocketAddress(V6_LOOPBACK, port)))
                    .isInstanceOf(java.net.BindException.class);
            assertThatThrownBy(() -> new java.net.ServerSocket(port, 1, V4_LOOPBACK))
                    .isInstanceOf(java.net.BindException.class);
        }
    }

    @Test
    void portOfAServiceNotServedOnATransport() {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(ECHO, Transport.UDP, 0).threads(1).start()) {
            assertThat(server.endpoints()).extracting(Endpoint::transport).containsExactly(Transport.UDP);
            assertThatThrownBy(() -> server.port("echo", Transport.TCP)).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("echo/tcp");
        }
    }

    @Test
    void servicesGetTheirOwnPortsInConfigurationOrder() throws Exception {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1")
                .service(TestServices.greeter("hi", "hello\n"), 0)
                .service(ECHO, 0).threads(1).start()) {
            assertThat(server.endpoints()).extracting(Endpoint::service).containsExactly("hi", "echo", "echo");
            assertThat(server.port("hi")).isNotEqualTo(server.port("echo"));
            Net.tcpEcho(V4_LOOPBACK, server.port("echo"));
            try (java.net.Socket s = Net.connect(V4_LOOPBACK, server.port("hi"))) {
                assertThat(Net.readExactly(s.getInputStream(), 6)).isEqualTo("hello\n".getBytes());
            }
        }
    }

    /** Each UDP reply must leave from the address its request was sent to (a connected client checks it). */
    @EachIoTransport
    void udpReplyLeavesFromTheAddressTheRequestWasSentTo(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").bind("127.0.0.2")
                .service(ECHO, Transport.UDP, 0).transport(transport).threads(1).start()) {
            int port = server.port("echo");
            assertThat(server.endpoints()).extracting(Endpoint::address).containsExactly(
                    new InetSocketAddress(V4_LOOPBACK, port), new InetSocketAddress(V4_LOOPBACK_2, port));
            Net.udpEchoConnected(V4_LOOPBACK_2, port);
            Net.udpEchoConnected(V4_LOOPBACK, port);
        }
    }

    @EachIoTransport
    void wildcardModeUdpAnswersFromEachLocalAddress(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        try (InettyServer server = Inetty.builder().bindWildcard().service(ECHO, Transport.UDP, 0)
                .transport(transport).threads(1).start()) {
            int port = server.port("echo");
            // One UDP socket per local unicast address, never a wildcard.
            assertThat(server.endpoints()).extracting(Endpoint::address)
                    .contains(new InetSocketAddress(V4_LOOPBACK, port), new InetSocketAddress(V6_LOOPBACK, port))
                    .allMatch(a -> !a.getAddress().isAnyLocalAddress() && a.getPort() == port);
            Net.udpEchoConnected(V4_LOOPBACK, port);
            Net.udpEchoConnected(V6_LOOPBACK, port);
        }
    }

    /** Two Service objects of one name (e.g. Services.ECHO and one from Services.all()) share one ephemeral port. */
    @Test
    void bindingsOfOneServiceNameShareTheEphemeralPort() throws Exception {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(TestServices.echo("echo"), Transport.TCP, 0)
                .service(TestServices.echo("echo"), Transport.UDP, 0).threads(1).start()) {
            assertThat(server.port("echo", Transport.TCP)).isEqualTo(server.port("echo", Transport.UDP));
        }
    }

    /** Embedded, the builder serves loopback only unless asked otherwise (a test peer is not on the network). */
    @Test
    void theBuilderServesLoopbackByDefault() throws Exception {
        try (InettyServer server = Inetty.builder().service(ECHO, 0).threads(1).start()) {
            int port = server.port(ECHO);
            assertThat(server.endpoints()).extracting(Endpoint::toString).containsExactly(
                    "echo/tcp 127.0.0.1:" + port, "echo/tcp [::1]:" + port,
                    "echo/udp 127.0.0.1:" + port, "echo/udp [::1]:" + port);
            Net.tcpEcho(V4_LOOPBACK, port);
            Net.udpEchoConnected(V6_LOOPBACK, port);
        }
    }

    /** Epoll: 0.0.0.0 and [::] (IPV6_V6ONLY) listening on one port, each reachable. */
    @Test
    void wildcardModeTcpWithEpollListensOnBothWildcards() throws Exception {
        try (InettyServer server = Inetty.builder().bindWildcard().service(ECHO, 0).transport(IoTransport.EPOLL).threads(2).start()) {
            int port = server.port("echo");
            assertThat(server.endpoints()).filteredOn(e -> e.transport() == Transport.TCP)
                    .extracting(Endpoint::address).containsExactly(
                            new InetSocketAddress(V4_ANY, port), new InetSocketAddress(V6_ANY, port));
            assertThat(server.endpoints()).filteredOn(e -> e.transport() == Transport.TCP)
                    .extracting(Endpoint::hostAndPort).containsExactly("0.0.0.0:" + port, "[::]:" + port);
            assertWildcardModeServes(server, port);
        }
    }

    /**
     * NIO cannot set IPV6_V6ONLY, and Netty's io_uring listener is always AF_INET6 (its 0.0.0.0 is a dual-stack
     * [::]): both serve the two families on one dual-stack [::] socket.
     */
    @ParameterizedTest
    @EnumSource(value = IoTransport.class, names = {"IO_URING", "NIO"})
    void wildcardModeTcpFallsBackToOneDualStackSocket(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        try (InettyServer server = Inetty.builder().bindWildcard().service(ECHO, 0).transport(transport).threads(2).start()) {
            int port = server.port("echo");
            assertThat(server.endpoints()).filteredOn(e -> e.transport() == Transport.TCP)
                    .extracting(Endpoint::address).containsExactly(new InetSocketAddress(V6_ANY, port));
            assertWildcardModeServes(server, port);
        }
    }

    private static void assertWildcardModeServes(InettyServer server, int port) throws Exception {
        assertThat(server.endpoints()).filteredOn(e -> e.transport() == Transport.UDP)
                .extracting(Endpoint::address)
                .contains(new InetSocketAddress(V4_LOOPBACK, port), new InetSocketAddress(V6_LOOPBACK, port))
                .allMatch(a -> !a.getAddress().isAnyLocalAddress());
        Net.tcpEcho(V4_LOOPBACK, port);
        Net.tcpEcho(V6_LOOPBACK, port);
        Net.tcpEcho(V4_LOOPBACK_2, port);
        Net.udpEchoConnected(V4_LOOPBACK, port);
        Net.udpEchoConnected(V6_LOOPBACK, port);
    }

    /** -4 or -6 in wildcard mode: one family's wildcard and addresses only; the other family is not served. */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"IPV4, EPOLL", "IPV4, NIO", "IPV6, EPOLL", "IPV6, IO_URING"})
    void wildcardModeOneFamilyOnly(AddressFamily family, IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        boolean v4 = family == AddressFamily.IPV4;
        InetAddress served = v4 ? V4_LOOPBACK : V6_LOOPBACK;
        InetAddress other = v4 ? V6_LOOPBACK : V4_LOOPBACK;
        Class<?> kind = v4 ? Inet4Address.class : Inet6Address.class;
        try (InettyServer server = Inetty.builder().bindWildcard().service(ECHO, 0).family(family)
                .transport(transport).threads(1).start()) {
            int port = server.port("echo");
            assertThat(server.endpoints()).filteredOn(e -> e.transport() == Transport.TCP)
                    .extracting(Endpoint::address).containsExactly(new InetSocketAddress(v4 ? V4_ANY : V6_ANY, port));
            assertThat(server.endpoints()).extracting(Endpoint::address).allMatch(a -> kind.isInstance(a.getAddress()));
            Net.tcpEcho(served, port);
            Net.udpEchoConnected(served, port);
            assertThatThrownBy(() -> Net.connect(other, port).close())
                    .as(v4 ? "-4 must not serve IPv6" : "-6 must not serve IPv4").isInstanceOf(java.net.ConnectException.class);
        }
    }

    /**
     * io_uring's listener is always dual-stack, so with -4 in wildcard mode an IPv6 peer reaches it; the
     * admission stage refuses it before any byte (EOF) and counts it as denied.
     */
    @Test
    void wildcardModeIpv4OnlyWithIoUringRefusesIpv6PeersAtAccept() throws Exception {
        Assumptions.assumeTrue(IoUring.isAvailable(), "io_uring not available");
        refusesOtherFamilyAtAccept(IoTransport.IO_URING, AddressFamily.IPV4, V6_LOOPBACK, V4_LOOPBACK);
    }

    /** java.nio cannot set IPV6_V6ONLY: with -6 an IPv4 peer reaches the [::] socket and is refused at accept. */
    @Test
    void wildcardModeIpv6OnlyWithNioRefusesIpv4PeersAtAccept() throws Exception {
        refusesOtherFamilyAtAccept(IoTransport.NIO, AddressFamily.IPV6, V4_LOOPBACK, V6_LOOPBACK);
    }

    private static void refusesOtherFamilyAtAccept(IoTransport transport, AddressFamily family, InetAddress refused,
                                                   InetAddress served) throws Exception {
        try (InettyServer server = Inetty.builder().bindWildcard().service(ECHO, 0).family(family).transport(transport).threads(1)
                .start()) {
            int port = server.port("echo", Transport.TCP);
            Net.tcpEcho(served, port);
            try (java.net.Socket s = Net.connect(refused, port)) {
                s.getOutputStream().write(1);
                int first;
                try {
                    first = s.getInputStream().read();
                } catch (java.io.IOException reset) {
                    first = -1;
                }
                assertThat(first).as("a peer of the other family gets EOF, no echo").isEqualTo(-1);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.metrics().count(CloseReason.DENIED) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.metrics().count(CloseReason.DENIED)).isEqualTo(1);
        }
    }

    /** The ephemeral port is picked once and shared by every socket of the service, start after start. */
    @Test
    void twentyStartsEachShareOneEphemeralPort() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port;
            try (InettyServer server = Inetty.builder().bind("127.0.0.1").bind("::1").service(ECHO, 0)
                    .threads(1).start()) {
                port = server.port("echo");
                assertThat(server.endpoints()).hasSize(4).extracting(Endpoint::port).containsOnly(port);
                assertThat(server.endpoints()).extracting(e -> e.address().getAddress())
                        .containsExactly(V4_LOOPBACK, V6_LOOPBACK, V4_LOOPBACK, V6_LOOPBACK);
                assertThat(server.endpoints()).extracting(Endpoint::transport)
                        .containsExactly(Transport.TCP, Transport.TCP, Transport.UDP, Transport.UDP);
            }
            Net.assertAllBindable(port);
        }
    }

    @Test
    void autoPicksANativeTransport() {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(ECHO, 0).threads(1).start()) {
            assertThat(server.transport()).isEqualTo(IoTransport.EPOLL);
            assertThat(server.config().transport()).isEqualTo(IoTransport.AUTO);
        }
    }
}
