package io.inetty.cli.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.cli.options.AdminEndpointOptions;
import io.inetty.cli.options.EnvironmentDefaults;
import io.inetty.cli.options.ServiceOptions;
import io.inetty.cli.options.Sources;
import io.inetty.server.BindingOptions;
import io.inetty.server.InheritedSockets;
import io.inetty.server.ServiceBinding;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Passed sockets become bindings: by name ({@code echo}, {@code echo/udp}), by port when unnamed; the transport is
 * read from each socket. Real sockets, at whatever descriptors this JVM gives them (the protocol's fd 3 is tested
 * end to end in integration-tests).
 */
class SocketActivationTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final List<Socket> open = new ArrayList<>();

    @BeforeAll
    static void nativeSockets() {
        Epoll.ensureAvailability();
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : open) {
            s.close();
        }
    }

    @Test
    void namesChooseTheServiceAndTheSocketTheTransport() throws IOException {
        Socket tcp = listening(0);
        Socket tcp2 = listening(0);
        Socket udp = datagram(0);
        Socket daytime = datagram(0);
        List<ServiceBinding> bindings = bindings(Map.of(), passed(tcp, "echo"), passed(udp, "echo"),
                passed(tcp2, "echo/tcp"), passed(daytime, "daytime/udp"));
        assertThat(bindings).extracting(ServiceBinding::toString)
                .containsExactly("echo/tcp:0", "echo/udp:0", "daytime/udp:0");
        assertThat(bindings.get(0).options().get(BindingOptions.SOCKETS))
                .isEqualTo(InheritedSockets.of(tcp.intValue(), tcp2.intValue()));
        assertThat(bindings.get(2).options().get(BindingOptions.SOCKETS)).isEqualTo(InheritedSockets.of(daytime.intValue()));
    }

    @Test
    void anUnnamedSocketOrSystemdsDefaultNameServesTheServiceOfItsPort() throws IOException {
        Socket udp = null;
        Socket tcp = null;
        for (int attempt = 0; tcp == null; attempt++) { // a port free for both transports
            udp = datagram(0);
            try {
                tcp = listening(udp.localAddress().getPort());
            } catch (IOException taken) {
                assertThat(attempt).as("a port free for TCP and UDP").isLessThan(20);
            }
        }
        int offset = udp.localAddress().getPort() - 13; // daytime's port
        List<ServiceBinding> bindings = bindings(Map.of("INETTY_PORT_OFFSET", Integer.toString(offset)),
                passed(tcp, null), passed(udp, "inetty.socket"));
        assertThat(bindings).extracting(ServiceBinding::toString).containsExactly("daytime/tcp:0", "daytime/udp:0");
    }

    @Test
    void aNameThatIsNoServiceOrASocketOfTheOtherTransportIsAUsageError() throws IOException {
        Socket tcp = listening(0);
        Socket udp = datagram(0);
        assertThatThrownBy(() -> bindings(Map.of(), passed(tcp, "ecko")))
                .isInstanceOf(ParameterException.class).hasMessage("LISTEN_FDNAMES: 'ecko' (fd " + tcp.intValue()
                        + ") is not a service (expected: NAME, NAME/tcp or NAME/udp of echo, discard, daytime, qotd,"
                        + " chargen, time, whoami; or admin)");
        assertThatThrownBy(() -> bindings(Map.of(), passed(tcp, "echo/udp")))
                .hasMessage("LISTEN_FDNAMES: 'echo/udp' is fd " + tcp.intValue() + ", a tcp socket (expected: udp)");
        assertThatThrownBy(() -> bindings(Map.of(), passed(udp, "echo/sctp")))
                .hasMessageStartingWith("LISTEN_FDNAMES: 'echo/sctp' (fd " + udp.intValue() + ") is not a service");
        assertThatThrownBy(() -> bindings(Map.of("INETTY_PORT_OFFSET", "1"), passed(udp, null)))
                .hasMessageStartingWith("LISTEN_FDS: fd " + udp.intValue() + " (udp 127.0.0.1:" + udp.localAddress().getPort()
                        + ") has no service name and its port is no service's (expected: a name such as"
                        + " FileDescriptorName=echo, or a port of echo 8, discard 10");
        // Standard input of the forked test JVM is a pipe (surefire's command channel), not a socket.
        assertThatThrownBy(() -> bindings(Map.of(), new ListenFds.Passed(0, "echo")))
                .hasMessageStartingWith("LISTEN_FDS: fd 0 'echo': is not an open socket");
    }

    private List<ServiceBinding> bindings(Map<String, String> env, ListenFds.Passed... passed) {
        Probe probe = new Probe();
        CommandLine cmd = new CommandLine(probe);
        cmd.setDefaultValueProvider(EnvironmentDefaults.all(env));
        cmd.parseArgs();
        Sources sources = new Sources(probe.spec);
        SocketActivation activation = new SocketActivation(probe.services, new AdminEndpointOptions(), 1);
        return activation.bindings(List.of(passed), probe.services.available(sources), sources);
    }

    private Socket listening(int port) throws IOException {
        Socket s = Socket.newSocketStream();
        open.add(s);
        s.bind(new InetSocketAddress(LOOPBACK, port));
        s.listen(4);
        return s;
    }

    private Socket datagram(int port) throws IOException {
        Socket s = Socket.newSocketDgram();
        open.add(s);
        s.bind(new InetSocketAddress(LOOPBACK, port));
        return s;
    }

    private static ListenFds.Passed passed(Socket s, String name) {
        return new ListenFds.Passed(s.intValue(), name);
    }

    /** The options socket activation reads: the services and their port offset. */
    @Command(name = "probe")
    static final class Probe {
        @Spec
        CommandSpec spec;
        @Mixin
        ServiceOptions services = new ServiceOptions();
    }
}
