package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.it.Curl.Reply;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every path of the admin endpoint through {@code curl}, against the built daemon. */
class AdminEndpointTest {
    @TempDir
    Path tmp;

    @Test
    void everyPathAnswersAsSpecified() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo:0,chargen:0",
                "--admin", "127.0.0.1:0")) {
            List<String> out = inetty.stdout();
            assertThat(out.get(out.size() - 2)).matches("listening admin http 127\\.0\\.0\\.1:\\d+");
            assertThat(out.get(out.size() - 1)).isEqualTo("ready");
            InetSocketAddress admin = inetty.admin();
            String echo = "127.0.0.1:" + inetty.port("echo", "tcp");

            assertThat(Curl.get(admin, "/livez")).satisfies(r -> assertThat(r.status()).isEqualTo(200))
                    .extracting(Reply::body).isEqualTo("ok\n");
            assertThat(Curl.get(admin, "/readyz").body()).isEqualTo("ready\n");
            Reply metrics = Curl.get(admin, "/metrics");
            assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(metrics.body()).contains("inetty_connections_open{service=\"echo\",transport=\"tcp\"} 0");
            Reply om = Curl.get(admin, "/metrics", "-H", "Accept: application/openmetrics-text; version=1.0.0");
            assertThat(om.header("Content-Type")).startsWith("application/openmetrics-text");
            assertThat(om.body()).endsWith("# EOF\n");
            assertThat(Curl.get(admin, "/endpoints").body()).contains("{\"service\":\"echo\",\"transport\":\"tcp\","
                    + "\"address\":\"127.0.0.1\",\"port\":" + inetty.port("echo", "tcp") + "}");
            assertThat(Curl.get(admin, "/version").body()).matches("\\{\"version\":\"[^\"]+\"}");

            // faults of a service
            Reply fault = Curl.json(admin, "POST", "/services/echo/tcp/faults",
                    "{\"type\":\"latency\",\"attributes\":{\"latency\":100}}");
            assertThat(fault.status()).isEqualTo(200);
            assertThat(fault.body()).contains("\"name\":\"latency_downstream\"");
            assertThat(Curl.get(admin, "/services/echo/tcp/faults").body()).startsWith("[{\"attributes\":{\"latency\":100");
            assertThat(Curl.json(admin, "PATCH", "/services/echo/tcp/faults/latency_downstream",
                    "{\"attributes\":{\"latency\":5}}").body()).contains("\"latency\":5");
            assertThat(Curl.get(admin, "/services/echo/tcp/faults/latency_downstream").status()).isEqualTo(200);
            assertThat(Curl.call(admin, "DELETE", "/services/echo/tcp/faults/latency_downstream").status()).isEqualTo(204);
            assertThat(Curl.call(admin, "DELETE", "/services/echo/tcp/faults").status()).isEqualTo(204);

            // the Toxiproxy API
            assertThat(Curl.get(admin, "/proxies").body()).isEqualTo("{}");
            Reply created = Curl.json(admin, "POST", "/proxies",
                    "{\"name\":\"db\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo + "\"}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.body()).matches("\\{\"name\":\"db\",\"listen\":\"127\\.0\\.0\\.1:\\d+\",\"upstream\":\""
                    + echo + "\",\"enabled\":true,\"toxics\":\\[]}");
            assertThat(Curl.get(admin, "/proxies/db").body()).isEqualTo(created.body());
            assertThat(Curl.json(admin, "POST", "/proxies/db", "{\"enabled\":false}").body()).contains("\"enabled\":false");
            assertThat(Curl.json(admin, "PATCH", "/proxies/db", "{\"enabled\":true}").body()).contains("\"enabled\":true");
            assertThat(Curl.json(admin, "POST", "/proxies/db/toxics",
                    "{\"type\":\"bandwidth\",\"stream\":\"upstream\",\"attributes\":{\"rate\":100}}").status()).isEqualTo(200);
            assertThat(Curl.get(admin, "/proxies/db/toxics").body()).contains("\"name\":\"bandwidth_upstream\"");
            assertThat(Curl.get(admin, "/proxies/db/toxics/bandwidth_upstream").body()).contains("\"rate\":100");
            assertThat(Curl.json(admin, "POST", "/proxies/db/toxics/bandwidth_upstream", "{\"toxicity\":0.5}").body())
                    .contains("\"toxicity\":0.5");
            assertThat(Curl.call(admin, "DELETE", "/proxies/db/toxics/bandwidth_upstream").status()).isEqualTo(204);
            assertThat(Curl.call(admin, "POST", "/reset").status()).isEqualTo(204);
            assertThat(Curl.json(admin, "POST", "/populate", "[{\"name\":\"db2\",\"upstream\":\"" + echo + "\"}]").status())
                    .isEqualTo(201);
            assertThat(Curl.call(admin, "DELETE", "/proxies/db").status()).isEqualTo(204);
            assertThat(Curl.get(admin, "/proxies/db").status()).isEqualTo(404);

            // refusals
            Reply notFound = Curl.get(admin, "/nope");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.body()).isEqualTo("{\"error\":\"not found: /nope\",\"status\":404}");
            Reply wrongMethod = Curl.call(admin, "PUT", "/proxies");
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).isEqualTo("GET, POST, HEAD");
            assertThat(Curl.json(admin, "POST", "/proxies", "{\"name\":").status()).isEqualTo(400);
            assertThat(Curl.json(admin, "POST", "/proxies/db2/toxics", "{\"type\":\"latency\",\"stream\":\"up\"}").body())
                    .contains("stream: 'up' (expected: upstream or downstream)");
            Path big = Files.write(tmp.resolve("big.json"), new byte[64 * 1024 + 1]);
            assertThat(Curl.call(admin, "POST", "/proxies", "--data-binary", "@" + big).status()).isEqualTo(413);
            assertThat(Curl.call(admin, "OPTIONS", "/proxies", "-H", "Origin: http://evil.example").headers())
                    .doesNotContainIgnoringCase("access-control");
            assertThat(Curl.call(admin, "POST", "/reset", "-A", "Mozilla/5.0").status()).isEqualTo(403);
        }
    }

    @Test
    void offLoopbackEveryRequestButHealthNeedsTheToken() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "s3cret-token\n");
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo:0",
                "--admin", "0.0.0.0:0", "--admin-token-file", token.toString())) {
            InetSocketAddress admin = new InetSocketAddress("127.0.0.1", inetty.admin().getPort());
            assertThat(inetty.admin().getAddress().getHostAddress()).isEqualTo("0.0.0.0");
            Reply denied = Curl.get(admin, "/metrics");
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"inetty\"");
            assertThat(Curl.get(admin, "/metrics", "-H", "Authorization: Bearer wrong").status()).isEqualTo(401);
            assertThat(Curl.get(admin, "/metrics", "-H", "Authorization: Bearer s3cret-token").status()).isEqualTo(200);
            assertThat(Curl.get(admin, "/proxies", "--oauth2-bearer", "s3cret-token").status()).isEqualTo(200);
            assertThat(Curl.get(admin, "/livez").status()).isEqualTo(200);
            assertThat(Curl.get(admin, "/readyz").status()).isEqualTo(200);
        }
    }

    @Test
    void readyzIs503FromTheStopOnWhileTheDrainKeepsTheAdminUp() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo:0",
                "--admin", "127.0.0.1:0", "--shutdown-timeout", "10s")) {
            InetSocketAddress admin = inetty.admin();
            try (java.net.Socket held = new java.net.Socket("127.0.0.1", inetty.port("echo", "tcp"))) {
                held.getOutputStream().write('x');
                assertThat(held.getInputStream().read()).isEqualTo('x');
                inetty.sigterm();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                Reply ready;
                while ((ready = Curl.get(admin, "/readyz")).status() != 503) {
                    assertThat(System.nanoTime()).as("503 within 5 s of SIGTERM").isLessThan(deadline);
                }
                assertThat(ready.body()).isEqualTo("draining\n");
                assertThat(Curl.get(admin, "/livez").status()).isEqualTo(200);
                assertThat(Curl.get(admin, "/metrics").body())
                        .contains("inetty_connections_open{service=\"echo\",transport=\"tcp\"} 1");
                assertThat(inetty.process().isAlive()).isTrue();
            }
            assertThat(inetty.waitForExit(java.time.Duration.ofSeconds(10))).isZero();
            assertThatThrownBy(() -> new java.net.Socket(admin.getAddress(), admin.getPort()).close())
                    .as("the admin endpoint closes after the drain").isInstanceOf(java.net.ConnectException.class);
        }
    }
}
