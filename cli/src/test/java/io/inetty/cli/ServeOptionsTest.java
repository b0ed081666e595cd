package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.AddressFamily;
import io.inetty.server.IoTransport;
import io.inetty.server.ServerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;

/** {@code serve}'s options and INETTY_* variables into the server's configuration (nothing is started). */
class ServeOptionsTest {

    private static String bindings(ServerConfig c) {
        return String.join(" ", c.bindings().stream().map(b -> b.service().name() + "/" + b.label() + ":" + b.port())
                .toList());
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsAreTheDaemonsWildcardAllSixAndAFiveSecondDrain() {
        ServerConfig c = new Cli().serve("--port-offset", "10000");
        assertThat(c.hosts()).isEmpty();
        assertThat(c.wildcard()).isTrue();
        assertThat(c.family()).isEqualTo(AddressFamily.ANY);
        assertThat(c.transport()).isEqualTo(IoTransport.AUTO);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.accessLog()).isFalse();
        assertThat(c.bindings()).hasSize(12);
        assertThat(bindings(c)).contains("echo/tcp:10007", "echo/udp:10007", "time/udp:10037", "chargen/tcp:10019");
    }

    @Test
    void specsSelectTransportsAndPorts() {
        ServerConfig c = new Cli().serve("--bind", "127.0.0.1,::1", "--bind", "localhost", "-4", "--service", "echo:0",
                "--service", "time/udp:10037", "--threads", "3", "--shutdown-timeout", "250ms", "--access-log");
        assertThat(c.hosts()).containsExactly("127.0.0.1", "::1", "localhost");
        assertThat(c.wildcard()).isFalse();
        assertThat(c.family()).isEqualTo(AddressFamily.IPV4);
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.accessLog()).isTrue();
        assertThat(bindings(c)).isEqualTo("echo/tcp:0 echo/udp:0 time/udp:10037");
    }

    @Test
    void environmentConfiguresAndTheCommandLineWins() {
        ServerConfig c = new Cli(env("INETTY_PORT_OFFSET", "10000", "INETTY_SERVICE", "echo,time/udp",
                "INETTY_UDP_STRICT", "yes", "INETTY_ACCESS_LOG", "1", "INETTY_IPV6", "no")).serve("--service", "echo");
        assertThat(bindings(c)).isEqualTo("echo/tcp:10007 echo/udp:10007");
        assertThat(c.udp().strict()).isTrue();
        assertThat(c.accessLog()).isTrue();
        assertThat(c.family()).isEqualTo(AddressFamily.ANY);
    }

    @Test
    void helpVersionAndHiddenOptionsAreNotSettings() throws Exception {
        CommandSpec serve = Main.commandLine(env("INETTY_HELP", "true", "INETTY_EXIT_AFTER_READY", "true",
                "INETTY_THREADS", "3")).getSubcommands().get("serve").getCommandSpec();
        IDefaultValueProvider environment = serve.defaultValueProvider();
        assertThat(environment.defaultValue(serve.findOption("--threads"))).isEqualTo("3");
        assertThat(environment.defaultValue(serve.findOption("--help"))).isNull();
        assertThat(environment.defaultValue(serve.findOption("--exit-after-ready"))).isNull();
    }

    @Test
    void anEmptyVariableIsUnset() {
        ServerConfig c = new Cli(env("INETTY_BIND", "", "INETTY_SERVICE", " ", "INETTY_PORT_OFFSET", "",
                "INETTY_UDP_REPLY_BUDGET", "")).serve();
        assertThat(c.wildcard()).isTrue();
        assertThat(c.bindings()).hasSize(12);
        assertThat(bindings(c)).contains("echo/tcp:7");
        assertThat(c.udp().replyBudget()).isEqualTo(4096);
    }
}
