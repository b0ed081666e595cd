package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The commands that do not serve, through picocli: exit codes, standard output and standard error. */
class MainTest {
    private final Cli cli = new Cli();

    @Test
    void servicesTable() {
        assertThat(cli.run("services")).isZero();
        assertThat(cli.out.toString()).contains("echo         7  tcp,udp", "discard      9", "daytime     13",
                "qotd        17", "chargen     19", "time        37");
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesAsJson() {
        assertThat(cli.run("services", "--json")).isZero();
        assertThat(cli.out.toString().strip().lines()).hasSize(1);
        List<Map<String, Object>> services = (List<Map<String, Object>>) MiniJson.parse(cli.out.toString());
        assertThat(services).extracting(s -> s.get("name")).containsExactly("echo", "discard", "daytime", "qotd",
                "chargen", "time", "whoami");
        assertThat(services.get(0)).containsEntry("port", 7.0).containsEntry("transports", List.of("tcp", "udp"));
    }

    @Test
    void versionNamesTheBuildNettyJavaAndTransports() {
        assertThat(cli.run("--version")).isZero();
        assertThat(cli.out.toString()).containsPattern("inetty \\S+ \\(commit [0-9a-f]{7,}(-dirty)?\\)")
                .contains("Netty 4.", "Java " + System.getProperty("java.version"), "native transports: epoll ",
                        ", io_uring ");
    }

    @Test
    void help() {
        assertThat(cli.run("serve", "--help")).isZero();
        assertThat(cli.out.toString()).contains("--port-offset", "INETTY_<OPTION>", "listening <service> <tcp|udp|tls>",
                "SIGHUP");
    }

    @Test
    void noCommandIsUsageError() {
        assertThat(cli.run()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.errLine()).contains("missing command");
    }
}
