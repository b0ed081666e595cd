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
    void servicesListsTheSixServicesWithTheirPorts() {
        Result r = InettyProcess.runInetty("services");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout().lines().filter(l -> !l.isBlank()).skip(1).toList()).as("%s", r)
                .satisfiesExactlyInAnyOrder(
                        l -> assertThat(l).matches("echo\\s+7\\s+tcp,udp"),
                        l -> assertThat(l).matches("discard\\s+9\\s+tcp,udp"),
                        l -> assertThat(l).matches("chargen\\s+19\\s+tcp,udp"),
                        l -> assertThat(l).matches("qotd\\s+17\\s+tcp,udp"),
                        l -> assertThat(l).matches("daytime\\s+13\\s+tcp,udp"),
                        l -> assertThat(l).matches("time\\s+37\\s+tcp,udp"));
        assertThat(r.stdout().lines().findFirst()).hasValueSatisfying(
                header -> assertThat(header).contains("SERVICE").contains("PORT"));
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void version() {
        Result r = InettyProcess.runInetty("--version");
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout().strip()).matches("inetty \\S+");
        assertThat(r.stderr()).isEmpty();
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
