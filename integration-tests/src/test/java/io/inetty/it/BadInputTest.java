package io.inetty.it;

import static io.inetty.it.Wire.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.inetty.it.InettyProcess.Result;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input: each case ends with its documented exit code (2 usage, 3 start failure) and one line on
 * standard error that says what is wrong, with no stack trace.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
    private static final int USAGE = 2;
    private static final int START_FAILED = 3;

    @TempDir
    Path tmp;

    /** Checks the exit code and the single clean line on standard error; returns that line. */
    static String assertFails(Result r, int exitCode) {
        assertThat(r.exitCode()).as("exit code: %s", r).isEqualTo(exitCode);
        assertThat(r.stderr()).as("no stack trace").doesNotContain("\tat ", "Exception in thread");
        assertThat(r.stderrLines()).as("one line on stderr: %s", r).hasSize(1);
        assertThat(r.stdout()).as("stdout").doesNotContain("ready", "listening");
        return r.stderrLines().get(0);
    }

    private static Result serve(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("serve"));
        all.addAll(List.of(args));
        return InettyProcess.runInetty(Map.of(), List.of(), all);
    }

    // ---------------------------------------------------------------- usage errors: 2

    @Test
    void unknownService() {
        String line = assertFails(serve("--service", "nope"), USAGE);
        assertThat(line).contains("'nope'");
    }

    @ParameterizedTest(name = "malformed --service {0}")
    @ValueSource(strings = {"echo/sctp", "echo:", "echo:x", "/udp", "echo/udp:7:7"})
    void malformedServiceSpec(String spec) {
        String line = assertFails(serve("--service", spec), USAGE);
        assertThat(line).contains(spec);
    }

    @Test
    void portOutOfRange() {
        String line = assertFails(serve("--service", "echo:70000"), USAGE);
        assertThat(line).contains("70000 (expected: 0-65535)");
    }

    @Test
    void portOffsetPushingAPortPast65535() {
        String line = assertFails(serve("--port-offset", "65530", "--service", "echo"), USAGE);
        assertThat(line).contains("65537").contains("echo");
    }

    @Test
    void otherBadOptions() {
        assertThat(assertFails(serve("--shutdown-timeout", "soon"), USAGE)).contains("soon");
        assertThat(assertFails(serve("--daytime-zone", "Mars/Olympus"), USAGE)).contains("Mars/Olympus");
        assertThat(assertFails(serve("--frobnicate"), USAGE)).contains("--frobnicate");
        assertThat(assertFails(InettyProcess.runInetty(), USAGE)).contains("serve");
    }

    static Stream<Arguments> badQuotes() {
        return Stream.of(arguments("no-such-quotes.txt", null, "cannot read {file}: no such file"),
                arguments("long.txt", "A fine short quote.\n%\n" + "x".repeat(600) + "\n", "{file}: quote 2: "),
                arguments("utf8.txt", "Caf\u00e9 cr\u00e8me.\n", "{file} is not US-ASCII text"),
                arguments("empty.txt", "%\n\n%\n", "{file} holds no quote"),
                arguments("large.txt", "A quote.\n%\n".repeat(200_000), "{file} is larger than 1 MiB"));
    }

    @ParameterizedTest(name = "--quotes {0}")
    @MethodSource("badQuotes")
    void quotesFileProblemsAreOneLineSayingWhy(String name, String content, String reason) throws IOException {
        Path file = tmp.resolve(name);
        if (content != null) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
        String line = assertFails(serve("--quotes", file.toString()), USAGE);
        assertThat(line).contains("--quotes: " + reason.replace("{file}", file.toString())).doesNotContain("quotes: quotes");
    }

    @Test
    void quotesFromADeviceAreReadBoundedEvenOnASmallHeap() {
        Result r = InettyProcess.run(java.time.Duration.ofSeconds(60), Map.of(), InettyProcess.command(List.of(),
                List.of("-Xmx24m"), InettyProcess.jar(), List.of("serve", "--quotes", "/dev/zero")));
        assertThat(assertFails(r, USAGE)).contains("--quotes: /dev/zero is larger than 1 MiB");
    }

    @Test
    void twoServicesOnOnePortAreAConfigurationClashNamingBoth() {
        String line = assertFails(serve("--bind", "127.0.0.1", "--service", "echo:12345,daytime:12345"), USAGE);
        assertThat(line).contains("--service: echo/tcp and daytime/tcp both on tcp port 12345");
    }

    @Test
    void aPortInBindOrAFamilyWithoutTheBindAddressIsAConfigurationError() {
        assertThat(assertFails(serve("--bind", "[::1]:7", "--service", "echo:0"), USAGE))
                .contains("--bind: '[::1]:7'", "without a port");
        assertThat(assertFails(serve("-4", "--bind", "::1", "--service", "echo:0"), USAGE))
                .contains("--bind: '::1' has no IPv4 address", "(-4)");
    }

    // ---------------------------------------------------------------- start failures: 3

    @Test
    void bindHostThatDoesNotResolve() {
        String line = assertFails(serve("--bind", "no-such-host.invalid", "--service", "echo:0"), START_FAILED);
        assertThat(line).contains("no-such-host.invalid");
    }

    @Test
    void tcpPortInUse() throws IOException {
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress(ip("127.0.0.1"), 0));
            int port = occupied.getLocalPort();
            String line = assertFails(serve("--bind", "127.0.0.1", "--service", "echo/tcp:" + port), START_FAILED);
            assertThat(line).contains("Address already in use").contains("127.0.0.1:" + port).contains("echo/tcp");
        }
    }

    @Test
    void udpPortInUse() throws IOException {
        try (DatagramSocket occupied = new DatagramSocket(new InetSocketAddress(ip("::1"), 0))) {
            int port = occupied.getLocalPort();
            String line = assertFails(serve("--bind", "::1", "--service", "time/udp:" + port), START_FAILED);
            assertThat(line).contains("Address already in use").contains("[::1]:" + port).contains("time/udp");
        }
    }

    @Test
    void portBelow1024WithoutPrivilege() throws IOException {
        // Not Files.readString: some kernels report a wrong size for /proc files, and it trusts the size.
        String unprivilegedStart = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start")).get(0).strip();
        assumeTrue(Integer.parseInt(unprivilegedStart) > 7,
                "net.ipv4.ip_unprivileged_port_start=" + unprivilegedStart + " lets anyone bind port 7");
        Result id = InettyProcess.run(java.time.Duration.ofSeconds(10), Map.of(), List.of("id", "-u"));
        List<String> command;
        if (id.stdout().strip().equals("0")) {
            // Root may bind port 7: run the daemon as the unprivileged user nobody (65534).
            Path setpriv = Path.of("/usr/bin/setpriv");
            assertThat(setpriv).as("util-linux setpriv").isExecutable();
            command = InettyProcess.command(
                    List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups"),
                    jarReadableByNobody(), List.of("serve", "--bind", "127.0.0.1", "--service", "echo/tcp:7"));
        } else {
            command = InettyProcess.command(List.of(), InettyProcess.jar(),
                    List.of("serve", "--bind", "127.0.0.1", "--service", "echo/tcp:7"));
        }
        Result r = InettyProcess.run(java.time.Duration.ofSeconds(60), Map.of(), command);
        String line = assertFails(r, START_FAILED);
        assertThat(line).contains("Permission denied").contains("CAP_NET_BIND_SERVICE").contains("127.0.0.1:7");
    }

    @Test
    void addressNotConfiguredOnThisHost() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737); binding sends no traffic.
        String line = assertFails(serve("--bind", "192.0.2.77", "--service", "echo/tcp:0"), START_FAILED);
        assertThat(line).contains("192.0.2.77").contains("not configured");
    }

    private Path jarReadableByNobody() throws IOException {
        return jarReadableByNobody(tmp);
    }

    /** The daemon jar if user nobody can read it where it is, else a world-readable copy under {@code tmp}. */
    static Path jarReadableByNobody(Path tmp) throws IOException {
        Path jar = InettyProcess.jar();
        boolean readable = Files.getPosixFilePermissions(jar).contains(PosixFilePermission.OTHERS_READ);
        for (Path dir = jar.getParent(); readable && dir != null; dir = dir.getParent()) {
            readable = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OTHERS_EXECUTE);
        }
        if (readable) {
            return jar;
        }
        Path dir = Files.createDirectories(tmp.resolve("public"));
        Path copy = Files.copy(jar, dir.resolve("inetty.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        // The temporary directories are private (0700): let nobody in.
        Set<PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
        Files.setPosixFilePermissions(dir, open);
        Files.setPosixFilePermissions(tmp, open);
        return copy;
    }
}
