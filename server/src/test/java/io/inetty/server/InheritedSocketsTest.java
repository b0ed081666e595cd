package io.inetty.server;

import static io.inetty.server.Net.V4_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BindingOptions#SOCKETS}: a binding serves sockets opened and bound before the server starts (what a
 * service manager passes), made here with Netty's native socket calls the way systemd makes them: a listening
 * dual-stack stream socket, a bound datagram socket.
 */
@Timeout(60)
class InheritedSocketsTest {
    private static final Service ECHO = TestServices.echo("echo");

    @BeforeAll
    static void nativeTransport() {
        Net.assumeAvailable(IoTransport.EPOLL);
        Epoll.ensureAvailability();
    }

    @Test
    void anInheritedListenerAcceptsAlsoTheConnectionsQueuedBeforeTheServerStarted() throws Exception {
        Socket listener = listening();
        int port = listener.localAddress().getPort();
        // systemd-socket-activate starts the service on the first connection: it waits in the backlog.
        try (java.net.Socket early = Net.connect(V4_LOOPBACK, port);
             InettyServer server = Inetty.builder().binding(inherited(Transport.TCP, listener)).threads(2).start()) {
            assertThat(server.endpoints()).singleElement().satisfies(e -> {
                assertThat(e.address()).isEqualTo(new InetSocketAddress(V4_LOOPBACK, port));
                assertThat(e.transport()).isEqualTo(Transport.TCP);
            });
            assertThat(server.port("echo")).isEqualTo(port);
            byte[] sent = "queued before the start\n".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = early.getOutputStream();
            out.write(sent);
            out.flush();
            assertThat(Net.readExactly(early.getInputStream(), sent.length)).isEqualTo(sent);
            for (int i = 0; i < 4; i++) {
                Net.tcpEcho(V4_LOOPBACK, port); // spread over both loops
            }
        }
        assertThatThrownBy(() -> Net.connect(V4_LOOPBACK, port)).as("the server closed its descriptor")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void anInheritedDatagramSocketIsServed() throws Exception {
        Socket udp = Socket.newSocketDgram();
        udp.bind(new InetSocketAddress(V4_LOOPBACK, 0));
        int port = udp.localAddress().getPort();
        try (InettyServer server = Inetty.builder().binding(inherited(Transport.UDP, udp)).start()) {
            assertThat(server.port("echo", Transport.UDP)).isEqualTo(port);
            Net.udpEchoConnected(V4_LOOPBACK, port);
        }
    }

    @Test
    void aSocketOfTheWrongKindIsAConfigurationErrorNamingItsDescriptor() throws IOException {
        Socket udp = Socket.newSocketDgram();
        Socket notListening = Socket.newSocketStream();
        Socket unix = Socket.newSocketDomain();
        try {
            udp.bind(new InetSocketAddress(V4_LOOPBACK, 0));
            assertThatThrownBy(() -> Inetty.builder().binding(inherited(Transport.TCP, udp)).start())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sockets: fd " + udp.intValue() + " of echo/tcp is a udp socket (expected: tcp)");
            notListening.bind(new InetSocketAddress(V4_LOOPBACK, 0));
            assertThatThrownBy(() -> InheritedSockets.transportOf(notListening.intValue()))
                    .hasMessageContaining("does not listen");
            assertThatThrownBy(() -> InheritedSockets.transportOf(unix.intValue()))
                    .hasMessageContaining("not an IPv4 or IPv6 socket");
            assertThat(InheritedSockets.transportOf(udp.intValue())).isEqualTo(Transport.UDP);
            assertThat(InheritedSockets.addressOf(udp.intValue())).isEqualTo(udp.localAddress());
        } finally {
            udp.close();
            notListening.close();
            unix.close();
        }
        // Standard input of the forked test JVM is a pipe (surefire's command channel), not a socket.
        assertThatThrownBy(() -> InheritedSockets.transportOf(0)).hasMessageStartingWith("sockets: fd 0 is not an open socket");
    }

    @Test
    void onlyEpollWrapsADescriptorAndThePortIsTheSockets() throws IOException {
        Socket listener = listening();
        try {
            assertThatThrownBy(() -> Inetty.builder().binding(inherited(Transport.TCP, listener))
                    .transport(IoTransport.NIO).start())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("transport: nio cannot serve");
            assertThatThrownBy(() -> ServiceBinding.of(ECHO, Transport.TCP, 7)
                    .withOptions(BindingOptions.NONE.with(BindingOptions.SOCKETS, InheritedSockets.of(listener.intValue()))))
                    .hasMessageStartingWith("port: 7 with inherited sockets");
            assertThatThrownBy(() -> InheritedSockets.of(3, 3)).hasMessageStartingWith("sockets: [3, 3]");
        } finally {
            listener.close();
        }
    }

    /** A listening dual-stack stream socket on 127.0.0.1 (IPv4-mapped), as systemd's ListenStream makes one. */
    private static Socket listening() throws IOException {
        Socket s = Socket.newSocketStream();
        s.bind(new InetSocketAddress(V4_LOOPBACK, 0));
        s.listen(16);
        return s;
    }

    private static ServiceBinding inherited(Transport transport, Socket socket) {
        return ServiceBinding.of(ECHO, transport, 0)
                .withOptions(BindingOptions.NONE.with(BindingOptions.SOCKETS, InheritedSockets.of(socket.intValue())));
    }
}
