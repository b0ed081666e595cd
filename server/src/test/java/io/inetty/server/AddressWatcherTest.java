package io.inetty.server;

import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.V4_LOOPBACK_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Wildcard-mode UDP follows the host's addresses (here a scripted list: 127.0.0.2 comes and goes). */
@Timeout(60)
class AddressWatcherTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, IoTransport.EPOLL.handlerFactory());
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private final List<InetAddress> host = new CopyOnWriteArrayList<>(List.of(V4_LOOPBACK));
    private AddressWatcher watcher;

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        listeners.forEach(ch -> ch.close().syncUninterruptibly());
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private List<Endpoint> start() {
        ServerConfig config = Inetty.builder().bind("127.0.0.1").service(TestServices.echo("echo"), Transport.UDP, 0)
                .config();
        Pipelines pipelines = new Pipelines(config, new Connections(), new Metrics(),
                new UdpGuard.Shared(AccessPolicy.OPEN, UdpPolicy.OFF, java.util.Set.of(), null, false));
        Binder binder = new Binder(config, IoTransport.EPOLL, group, listeners, pipelines);
        List<Endpoint> endpoints = new CopyOnWriteArrayList<>(binder.bindAll());
        watcher = new AddressWatcher(binder, endpoints, () -> new ArrayList<>(host), TimeUnit.HOURS.toMillis(1));
        return endpoints;
    }

    @Test
    void anAddressThatAppearsIsServedAndOneThatGoesIsClosed() throws Exception {
        List<Endpoint> endpoints = start();
        int port = endpoints.get(0).port();
        host.add(V4_LOOPBACK_2);
        watcher.rescan();
        assertThat(endpoints).extracting(Endpoint::toString)
                .containsExactly("echo/udp 127.0.0.1:" + port, "echo/udp 127.0.0.2:" + port);
        Net.udpEchoConnected(V4_LOOPBACK_2, port); // the reply leaves from the new address

        host.remove(V4_LOOPBACK_2);
        watcher.rescan();
        assertThat(endpoints).extracting(Endpoint::toString).containsExactly("echo/udp 127.0.0.1:" + port);
        Net.assertUdpBindable(V4_LOOPBACK_2, port);
        Net.udpEchoConnected(V4_LOOPBACK, port);
    }

    @Test
    void anAddressNotUsableYetIsTriedAgainAtTheNextRound() throws Exception {
        List<Endpoint> endpoints = start();
        InetAddress notHere = Net.ip("192.0.2.99"); // not configured: EADDRNOTAVAIL, like an address in DAD
        host.add(notHere);
        watcher.rescan();
        assertThat(endpoints).hasSize(1);
        host.set(host.indexOf(notHere), V4_LOOPBACK_2); // "the address became usable"
        watcher.rescan();
        assertThat(endpoints).hasSize(2);
    }
}
