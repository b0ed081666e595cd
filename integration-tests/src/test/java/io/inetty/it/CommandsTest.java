package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The commands that do not serve: services, --version, --help. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandsTest {

    @Test
    void servicesListsTheSevenServicesWithTheirPorts() {
        Result r = InettyProcess.runInetty("services");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout().lines().filter(l -> !l.isBlank()).skip(1).toList()).as("%s", r)
                .satisfiesExactlyInAnyOrder(
                        l -> assertThat(l).matches("echo\\s+7\\s+tcp,udp"),
                        l -> assertThat(l).matches("discard\\s+9\\s+tcp,udp"),
                        l -> assertThat(l).matches("chargen\\s+19\\s+tcp,udp"),
                        l -> assertThat(l).matches("qotd\\s+17\\s+tcp,udp"),
                        l -> assertThat(l).matches("daytime\\s+13\\s+tcp,udp"),
                        l -> assertThat(l).matches("time\\s+37\\s+tcp,udp"),
                        l -> assertThat(l).matches("whoami\\s+4242\\s+tcp,udp"));
        assertThat(r.stdout().lines().findFirst()).hasValueSatisfying(
                header -> assertThat(header).contains("SERVICE").contains("PORT"));
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void versionShowsTheBuildNettyJavaAndNativeTransports() {
        Result r = InettyProcess.runInetty("--version");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout().lines().toList()).as("%s", r).satisfiesExactly(
                l -> assertThat(l).matches("inetty \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)"),
                l -> assertThat(l).matches("Netty 4\\.\\d+\\.\\d+\\.Final, Java " + System.getProperty("java.version") + " .*"),
                l -> assertThat(l).matches("native transports: epoll (loads|unavailable \\(.*\\)), io_uring (loads|unavailable \\(.*\\))"));
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void servicesAsJsonForScripts() {
        Result r = InettyProcess.runInetty("services", "--json");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout().strip()).startsWith("[{\"name\":\"echo\",\"port\":7,\"transports\":[\"tcp\",\"udp\"]},")
                .endsWith("{\"name\":\"time\",\"port\":37,\"transports\":[\"tcp\",\"udp\"]},"
                        + "{\"name\":\"whoami\",\"port\":4242,\"transports\":[\"tcp\",\"udp\"]}]").doesNotContain("\n");
    }

    @Test
    void help() {
        Result r = InettyProcess.runInetty("--help");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout()).contains("Usage: inetty", "serve", "services", "Exit codes");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void serveHelp() {
        Result r = InettyProcess.runInetty("serve", "--help");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout()).contains("--bind", "--service", "--port-offset", "--shutdown-timeout", "--quotes",
                "INETTY_");
        assertThat(r.stderr()).isEmpty();
    }
}
