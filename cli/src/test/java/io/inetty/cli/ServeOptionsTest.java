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
    void defaultsAreTheDaemonsWildcardAllSevenAndAFiveSecondDrain() {
        ServerConfig c = new Cli().serve("--port-offset", "10000");
        assertThat(c.hosts()).isEmpty();
        assertThat(c.wildcard()).isTrue();
        assertThat(c.family()).isEqualTo(AddressFamily.ANY);
        assertThat(c.transport()).isEqualTo(IoTransport.AUTO);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.accessLog()).isFalse();
        assertThat(c.bindings()).as("seven services on TCP and UDP, never TLS by default").hasSize(14);
        assertThat(bindings(c)).contains("echo/tcp:10007", "echo/udp:10007", "time/udp:10037", "chargen/tcp:10019",
                "whoami/tcp:14242", "whoami/udp:14242");
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
        assertThat(c.bindings()).as("seven services on TCP and UDP, never TLS by default").hasSize(14);
        assertThat(bindings(c)).contains("echo/tcp:7");
        assertThat(c.udp().replyBudget()).isEqualTo(4096);
    }

    @Test
    void tlsServicesProxyProtocolAndInstanceId() {
        ServerConfig c = new Cli(env("INETTY_PROXY_PROTOCOL", "10.0.0.0/8,fd00::/8", "INETTY_INSTANCE_ID", "blue"))
                .serve("--bind", "127.0.0.1", "--service", "echo/tls:10443,whoami/tls,whoami/udp:0", "--tls-self-signed");
        assertThat(bindings(c)).isEqualTo("echo/tls:10443 whoami/tls:14242 whoami/udp:0");
        assertThat(c.bindings().get(0).options().get(io.inetty.tls.TlsOptions.KEY)).isEqualTo(io.inetty.tls.TlsOptions.DEFAULTS);
        assertThat(c.contributors()).hasSize(3); // TLS, PROXY and the fault engine (always there: runtime faults)
        assertThat(c.contributors()).filteredOn(p -> p instanceof io.inetty.proxy.ProxyProtocol).singleElement()
                .extracting(p -> ((io.inetty.proxy.ProxyProtocol) p).trusted()).isEqualTo(java.util.List.of("10.0.0.0/8", "fd00::/8"));
        assertThat(c.contributors()).filteredOn(p -> p instanceof io.inetty.tls.Tls).singleElement()
                .extracting(p -> ((io.inetty.tls.Tls) p).trust().certificate().getSubjectX500Principal().getName())
                .asString().contains("CN=127.0.0.1");
        assertThat(new Cli().serve("--service", "echo").contributors()).as("no TLS, no PROXY: only the fault engine")
                .singleElement().isInstanceOf(io.inetty.faults.Faults.class);
    }
}
