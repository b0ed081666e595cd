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

    /**
     * A later SO_REUSEPORT shard that fails (here: its loop is shut down) leaves no earlier shard behind: the
     * port is free again at once (the first shard used to leak, bound and serving, until the loops stopped).
     */
    @Test
    void aFailingLaterShardLeavesNoSocketBound() throws Exception {
        io.netty.channel.EventLoopGroup group = new io.netty.channel.MultiThreadIoEventLoopGroup(2,
                IoTransport.EPOLL.handlerFactory());
        try {
            java.util.Iterator<io.netty.util.concurrent.EventExecutor> it = group.iterator();
            it.next();
            it.next().shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            int port = Net.freePort();
            ServerConfig config = Inetty.builder().bind("127.0.0.1").service(ECHO, Transport.TCP, port).threads(2)
                    .transport(IoTransport.EPOLL).config();
            java.util.List<io.netty.channel.Channel> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
            Pipelines pipelines = new Pipelines(config, new Connections(), new Metrics(), null);
            assertThatThrownBy(() -> new Binder(config, IoTransport.EPOLL, group, listeners, pipelines).bindAll())
                    .isInstanceOf(BindFailureException.class).hasMessageContaining("echo/tcp");
            assertThat(listeners).as("the failed bind closed every shard it opened").isEmpty();
            Net.assertTcpBindable(Net.V4_LOOPBACK, port);
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
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
