package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.AddressFamily;
import io.inetty.server.IoTransport;
import io.inetty.server.ServerConfig;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line through picocli: exit codes, standard output and standard error. */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private static ServerConfig config(String... args) {
        CommandLine cmd = Main.commandLine();
        CommandLine.ParseResult parsed = cmd.parseArgs(args);
        ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        return serve.config();
    }

    @Test
    void servicesTable() {
        assertThat(run("services")).isZero();
        assertThat(out.toString()).contains("echo         7  tcp,udp", "discard      9", "daytime     13", "qotd        17",
                "chargen     19", "time        37");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("inetty ");
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).contains("--port-offset", "INETTY_<OPTION>", "listening <service> <tcp|udp>");
    }

    @Test
    void noCommandIsUsageError() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("missing command");
    }

    @Test
    void unknownServiceIsUsageErrorOnOneLine() {
        assertThat(run("serve", "--service", "nope")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown service 'nope'", "echo, discard, daytime, qotd, chargen, time")
                .doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    @Test
    void badSpecAndPortAreUsageErrors() {
        assertThat(run("serve", "--service", "echo:70000")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("port: 70000 (expected: 0-65535)");
        assertThat(run("serve", "--port-offset", "65530")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("would listen on port 65537");
        assertThat(run("serve", "--service", "echo", "--service", "echo/udp")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("echo/udp given twice");
        assertThat(run("serve", "-4", "-6")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("serve", "--transport", "carrier-pigeon")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("serve", "--daytime-zone", "Mars/Olympus")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void unresolvableHostIsStartFailure() {
        assertThat(run("serve", "--bind", "no-such-host.invalid", "--service", "echo:0")).isEqualTo(ExitCodes.START_FAILED);
        assertThat(err.toString()).contains("cannot resolve 'no-such-host.invalid'").doesNotContain("\tat ");
    }

    @Test
    void defaultsServeAllSixOnBothTransportsWithOffset() {
        ServerConfig c = config("serve", "--port-offset", "10000");
        assertThat(c.hosts()).isEmpty();
        assertThat(c.family()).isEqualTo(AddressFamily.ANY);
        assertThat(c.transport()).isEqualTo(IoTransport.AUTO);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.bindings()).hasSize(12);
        assertThat(c.bindings()).extracting(b -> b.service().name() + "/" + b.transport().label() + ":" + b.port())
                .contains("echo/tcp:10007", "echo/udp:10007", "time/udp:10037", "chargen/tcp:10019");
    }

    @Test
    void specsSelectTransportsAndPorts() {
        ServerConfig c = config("serve", "--bind", "127.0.0.1,::1", "--bind", "localhost", "-4",
                "--service", "echo:0", "--service", "time/udp:10037", "--threads", "3", "--shutdown-timeout", "250ms");
        assertThat(c.hosts()).containsExactly("127.0.0.1", "::1", "localhost");
        assertThat(c.family()).isEqualTo(AddressFamily.IPV4);
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofMillis(250));
        List<ServiceBinding> b = c.bindings();
        assertThat(b).extracting(x -> x.service().name() + "/" + x.transport().label() + ":" + x.port())
                .containsExactly("echo/tcp:0", "echo/udp:0", "time/udp:10037");
        assertThat(b.get(2).transport()).isEqualTo(Transport.UDP);
    }

    @Test
    void quotesFile(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.txt");
        Files.writeString(good, "First.\n%\nSecond,\ntwo lines.\n", StandardCharsets.US_ASCII);
        assertThat(config("serve", "--quotes", good.toString()).bindings()).isNotEmpty();
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, "caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
        assertThat(run("serve", "--quotes", bad.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--quotes:", "US-ASCII");
        assertThat(run("serve", "--quotes", dir.resolve("missing.txt").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read");
    }
}
