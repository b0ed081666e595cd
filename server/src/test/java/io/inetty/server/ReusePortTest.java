package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One SO_REUSEPORT socket per event loop, and no silent sharing with another server. */
@Timeout(60)
class ReusePortTest {
    private static final Service ECHO = TestServices.echo("echo");

    private static long socketsOfThisProcess() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (Exception e) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void oneSocketPerLoopServesAndIsReportedOnce() throws Exception {
        // Warm up once: the first native start opens a socket of its own (a capability probe) that stays.
        Inetty.builder().bind("127.0.0.1").service(ECHO, 0).threads(1).transport(IoTransport.EPOLL).start().close();
        long before = socketsOfThisProcess();
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(ECHO, 0).threads(2)
                .transport(IoTransport.EPOLL).start()) {
            assertThat(server.endpoints()).hasSize(2);
            assertThat(socketsOfThisProcess() - before).isEqualTo(4);
            int port = server.port("echo");
            for (int i = 0; i < 20; i++) {
                Net.tcpEcho(InetAddress.getByName("127.0.0.1"), port);
                Net.udpEchoConnected(InetAddress.getByName("127.0.0.1"), port);
            }
        }
        assertThat(socketsOfThisProcess()).isEqualTo(before);
    }

    @Test
    void aSecondServerOnTheSamePortFailsInsteadOfSharingIt() {
        try (InettyServer first = Inetty.builder().bind("127.0.0.1").service(ECHO, 0).threads(2)
                .transport(IoTransport.EPOLL).start()) {
            int port = first.port("echo");
            assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").service(ECHO, port).threads(2)
                    .transport(IoTransport.EPOLL).start().close())
                    .isInstanceOf(InettyException.class).hasMessageContaining("Address already in use");
        }
    }
}
