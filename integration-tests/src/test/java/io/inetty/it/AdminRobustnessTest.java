package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile clients of the admin endpoint, from Python's sockets: random bytes, slowloris-style partial requests held
 * open, more connections than the bound, pipelined requests never read. The daemon stays up, its memory bounded, its
 * admin endpoint answering, its standard error free of warnings and stack traces.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AdminRobustnessTest {
    private static final String ABUSE = String.join("\n",
            "import random, select, socket, sys, time",
            "host, port = sys.argv[1], int(sys.argv[2])",
            "rng = random.Random(7)",
            "def conn():",
            "    s = socket.create_connection((host, port), timeout=5)",
            "    return s",
            "# 1. garbage: 300 connections of random bytes, some ending with a reset",
            "for i in range(300):",
            "    try:",
            "        s = conn()",
            "        s.sendall(bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3000))))",
            "        if i % 3 == 0:",
            "            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00')",
            "        s.close()",
            "    except OSError:",
            "        pass",
            "# 2. slowloris: 40 connections each sending a request one byte every 0.2 s, for 3 s",
            "slow = []",
            "for i in range(40):",
            "    try:",
            "        slow.append(conn())",
            "    except OSError:",
            "        pass",
            "req = b'GET /metrics HTTP/1.1\\r\\nHost: x\\r\\nX-Slow: ' + b'a' * 100",
            "closed = 0",
            "for step in range(15):",
            "    for s in list(slow):",
            "        try:",
            "            s.send(req[step:step + 1])",
            "        except OSError:",
            "            slow.remove(s); closed += 1",
            "    time.sleep(0.2)",
            "for s in slow:",
            "    s.close()",
            "# 3. far more connections than the bound (64), all held at once",
            "many = []",
            "for i in range(300):",
            "    try:",
            "        many.append(conn())",
            "    except OSError:",
            "        pass",
            "time.sleep(1)",
            "readable, _, _ = select.select(many, [], [], 2)",
            "ended = 0",
            "for s in readable:",
            "    try:",
            "        if s.recv(1) == b'':",
            "            ended += 1",
            "    except OSError:",
            "        ended += 1",
            "for s in many:",
            "    s.close()",
            "# 4. pipelining without reading",
            "for i in range(20):",
            "    try:",
            "        s = conn()",
            "        s.sendall(b'GET /metrics HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n' * 2000)",
            "        s.close()",
            "    except OSError:",
            "        pass",
            "print('ended-beyond-bound', ended)",
            "print('done')");

    @Test
    void hostileClientsLeaveTheDaemonAndItsAdminHealthy() {
        try (InettyProcess inetty = InettyProcess.serveWithJvmOptions(List.of("-Xmx128m"), "--bind", "127.0.0.1",
                "--service", "echo:0", "--admin", "127.0.0.1:0")) {
            InetSocketAddress admin = inetty.admin();
            long rssBefore = inetty.rssKiB();
            Result r = Tools.python(ABUSE, "127.0.0.1", admin.getPort());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).contains("done");
            int ended = Integer.parseInt(r.stdout().lines().filter(l -> l.startsWith("ended-beyond-bound"))
                    .findFirst().orElseThrow().split(" ")[1]);
            assertThat(ended).as("connections beyond the bound of 64 are closed").isGreaterThanOrEqualTo(300 - 64);

            assertThat(inetty.process().isAlive()).isTrue();
            assertThat(Curl.get(admin, "/livez").status()).isEqualTo(200);
            assertThat(Curl.get(admin, "/metrics").status()).isEqualTo(200);
            long growthMiB = (inetty.rssKiB() - rssBefore) / 1024;
            System.out.printf("[admin robustness] RSS growth %d MiB; %d of 300 connections beyond the bound closed%n",
                    growthMiB, ended);
            assertThat(growthMiB).as("memory stays bounded").isLessThan(128);
            assertThat(inetty.stop()).isZero();
            assertThat(inetty.stderrLines()).noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                    || l.contains("Exception") || l.startsWith("\tat ") || l.contains("LEAK"));
        }
    }
}
