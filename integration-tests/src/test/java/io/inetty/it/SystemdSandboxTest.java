package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Does the JVM tolerate inetty.service's sandbox? There is no systemd to run the unit here, so the settings a
 * JVM can trip on are applied the way systemd applies them: the seccomp filter of {@code SystemCallFilter=
 * @system-service} (EPERM otherwise) and {@code RestrictAddressFamilies=} (sandbox.py, python3-seccomp, the group
 * expanded by systemd-analyze), no capability ({@code CapabilityBoundingSet=}), {@code NoNewPrivileges=yes}, an
 * unprivileged user (setpriv). The unit's own {@code ExecStart} command line then serves, notifies and stops.
 */
class SystemdSandboxTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static Path sandbox;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() throws URISyntaxException {
        SocketActivationTest.require("/usr/bin/setpriv", "util-linux");
        SocketActivationTest.require("/usr/bin/systemd-analyze", "systemd");
        Result seccomp = InettyProcess.run(Duration.ofSeconds(30), Map.of(), List.of(PYTHON, "-c", "import seccomp"));
        assertThat(seccomp.exitCode()).as("python3's seccomp module: install the Debian package 'python3-seccomp'"
                + " (.ci/run does); this test does not skip. %s", seccomp).isZero();
        sandbox = Path.of(SystemdSandboxTest.class.getResource("/sandbox.py").toURI());
    }

    @Test
    void theSandboxDeniesWhatTheUnitDenies() {
        Result r = InettyProcess.run(Duration.ofSeconds(30), Map.of(), sandboxed(List.of(PYTHON, "-c", "import ctypes,"
                + " socket\nlibc = ctypes.CDLL(None, use_errno=True)\nprint(libc.ptrace(0, 0, 0, 0), ctypes.get_errno())\n"
                + "try:\n    socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)\nexcept OSError as e:\n"
                + "    print(e.errno)\nsocket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\nprint('inet6')")));
        assertThat(r.stdout().lines().toList()).as("%s", r)
                .containsExactly("-1 1", "1", "inet6"); // ptrace (@debug) and AF_NETLINK: EPERM; AF_INET6 allowed
    }

    @Test
    void theUnitsCommandLineServesNotifiesAndStopsInsideTheSandbox() throws IOException {
        Path units = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../packaging/systemd");
        String execStart = SystemdUnitsTest.directives(units.resolve("inetty.service")).get("ExecStart").get(0);
        Path jar = BadInputTest.jarReadableByNobody(tmp);
        List<String> command = new ArrayList<>();
        for (String word : execStart.split(" ")) {
            if (!word.equals("$INETTY_JAVA_OPTS")) {
                command.add(word.equals("/opt/inetty/inetty.jar") ? jar.toString() : word);
            }
        }
        Path notify = Files.createDirectories(tmp.resolve("notify"));
        for (Path dir : List.of(tmp, notify)) { // nobody reaches the notification socket
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(units.resolve("inetty.env"))) {
            if (line.startsWith("INETTY_")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        env.putAll(Map.of("INETTY_BIND", "127.0.0.1", "INETTY_SERVICE", "echo:0,whoami:0", "INETTY_ADMIN", "127.0.0.1:0"));
        try (NotifyReceiver manager = NotifyReceiver.at(notify.resolve("socket"), ",perm=0666")) {
            env.put("NOTIFY_SOCKET", manager.address());
            try (InettyProcess inetty = InettyProcess.launch(env, sandboxed(command))) {
                assertThat(manager.await("READY=1")).contains("STATUS=serving 5 socket(s)");
                int echo = inetty.port("echo", "tcp");
                assertThat(SocketActivationTest.tcp(echo, "sandboxed\n")).isEqualTo("sandboxed\n");
                assertThat(SocketActivationTest.udp(echo, "sandboxed")).isEqualTo("sandboxed");
                assertThat(SocketActivationTest.tcp(inetty.port("whoami", "tcp"), "")).contains("\"service\":\"whoami\"");
                String admin = inetty.stdout().stream().filter(l -> l.startsWith("listening admin http ")).findFirst()
                        .orElseThrow().substring("listening admin http ".length());
                assertThat(SocketActivationTest.curl("http://" + admin + "/readyz")).isEqualTo("200 ready");
                assertThat(inetty.stderrLines("transport epoll")).as("the native transport loads").hasSize(1);
                assertThat(inetty.stop()).isZero();
                assertThat(manager.await("STOPPING=1")).contains("STOPPING=1");
                assertThat(inetty.stderrLines()).as("nothing went wrong").noneMatch(l -> l.contains(" WARN ")
                        || l.contains(" ERROR ") || l.contains("Exception"));
            }
        }
    }

    /** {@code command} as user nobody, without any capability or new privilege, under the unit's seccomp filter. */
    private static List<String> sandboxed(List<String> command) {
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--", PYTHON, sandbox.toString()));
        out.addAll(command);
        return out;
    }
}
