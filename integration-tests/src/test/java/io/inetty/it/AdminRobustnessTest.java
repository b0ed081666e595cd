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
    private static final String ABUSE = "admin_abuse.py";

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
