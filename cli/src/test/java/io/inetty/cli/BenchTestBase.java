package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.Services;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.UdpPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What the bench tests share: an embedded echo, discard and chargen server, short runs, JSON, fake servers. */
abstract class BenchTestBase {
    static final String[] SHORT = {"--duration", "1s", "--warmup", "200ms", "--threads", "2"};
    static InettyServer server;

    final Cli cli = new Cli();

    @BeforeAll
    static void start() {
        server = Inetty.builder().bind("127.0.0.1").threads(2).udp(UdpPolicy.OFF)
                .service(Services.ECHO, 0).service(Services.DISCARD, 0).service(Services.CHARGEN, 0).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    int run(String... args) {
        return cli.run(args);
    }

    int bench(String service, int port, String... options) {
        String[] args = new String[3 + SHORT.length + options.length];
        args[0] = "bench";
        args[1] = service;
        args[2] = "127.0.0.1:" + port;
        System.arraycopy(SHORT, 0, args, 3, SHORT.length);
        System.arraycopy(options, 0, args, 3 + SHORT.length, options.length);
        return run(args);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
        assertThat(cli.out.toString().strip().lines()).hasSize(1);
        Map<String, Object> j = (Map<String, Object>) MiniJson.parse(cli.out.toString());
        assertThat(j).containsKeys("mode", "service", "protocol", "host", "port", "transport", "connections", "size",
                "threads", "duration_s", "warmup_s", "rate_target", "messages", "msg_per_s", "bytes", "mb_per_s",
                "errors", "mismatches", "conn_errors", "connect_failures", "timeouts", "refused", "extra_bytes",
                "sent", "lost", "late", "loss_pct", "no_reply", "latency_us");
        return j;
    }

    static double num(Map<String, Object> j, String key) {
        return ((Number) j.get(key)).doubleValue();
    }

    /** A test-owned TCP server on 127.0.0.1 running {@code session} for each connection in its own thread. */
    static ServerSocket fakeServer(Consumer<Socket> session) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            session.accept(s);
                        } catch (IOException e) {
                            // closing
                        }
                    }, "fake-session");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
