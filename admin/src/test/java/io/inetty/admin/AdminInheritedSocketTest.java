package io.inetty.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.protocols.Services;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.InheritedSockets;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The admin endpoint on a listening socket another process opened (socket activation), served, not bound. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminInheritedSocketTest {
    @Test
    void answersOnThePassedSocketAtItsAddress() throws IOException {
        Epoll.ensureAvailability();
        Socket passed = listening("127.0.0.1");
        InetSocketAddress at = passed.localAddress();
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(Services.ECHO, 0).start();
             AdminServer admin = AdminServer.start(server,
                     AdminOptions.builder().sockets(InheritedSockets.of(passed.intValue())).build())) {
            assertThat(admin.addresses()).containsExactly(at);
            assertThat(Http.get(at, "/readyz").status()).isEqualTo(200);
            assertThat(Http.get(at, "/livez").body()).isEqualTo("ok\n");
        }
    }

    @Test
    void aPassedSocketBeyondLoopbackNeedsAToken() throws IOException {
        Epoll.ensureAvailability();
        Socket passed = listening("0.0.0.0");
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(Services.ECHO, 0).start()) {
            AdminOptions options = AdminOptions.builder().sockets(InheritedSockets.of(passed.intValue())).build();
            assertThat(options.loopback()).isFalse();
            assertThatThrownBy(() -> AdminServer.start(server, options)).hasMessageStartingWith("token: none");
        } finally {
            passed.close(); // not served, so not closed by the admin
        }
    }

    private static Socket listening(String host) throws IOException {
        Socket s = Socket.newSocketStream();
        s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        s.listen(8);
        return s;
    }
}
