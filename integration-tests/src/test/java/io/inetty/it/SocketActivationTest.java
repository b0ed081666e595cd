package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Endpoint;
import io.inetty.it.InettyProcess.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket activation with a real activator, {@code systemd-socket-activate} (Debian package systemd): it binds, waits
 * for the first connection or datagram, then execs the daemon with the sockets as fd 3... (LISTEN_FDS); the request
 * that started it must be answered. Clients are socat (TCP) and python3 (UDP). The activator's flags ({@code -d} for datagrams) apply to all
 * its sockets: TCP and UDP together take two activators, the inner one passing the outer one's socket through.
 */
class SocketActivationTest {
    static final String ACTIVATE = "/usr/bin/systemd-socket-activate";
    private static final Duration BOUND = Duration.ofSeconds(15);

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        require(ACTIVATE, "systemd");
        require("/usr/bin/socat", "socat");
        require("/usr/bin/setpriv", "util-linux");
        require("/usr/bin/ip", "iproute2");
        require("/usr/bin/python3", "python3");
        require("/usr/bin/curl", "curl");
    }

    static void require(String tool, String debianPackage) {
        assertThat(Path.of(tool)).as("%s is missing: install the Debian package '%s' (.ci/run does); this test does"
                + " not skip", tool, debianPackage).isExecutable();
    }

    @Test
    void aTcpListenerIsServedStartingWithTheConnectionThatActivatedIt() {
        int port = Wire.freePort();
        try (InettyProcess inetty = activated(List.of("-l", "127.0.0.1:" + port, "--fdname=echo"),
                List.of("serve", "--service", "daytime"))) {
            inetty.awaitStderrLine("Listening on 127.0.0.1:" + port, BOUND);
            assertThat(tcp(port, "the first one\n")).as(inetty.describe()).isEqualTo("the first one\n");
            inetty.awaitReady();
            assertThat(inetty.endpoints()).containsExactly(endpoint("echo", "tcp", port));
            assertThat(inetty.stderrLines("--service ignored: the 1 socket(s) passed by LISTEN_FDS choose what is"
                    + " served")).hasSize(1);
            assertThat(tcp(port, "and another\n")).isEqualTo("and another\n");
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void aSocketNamedAdminServesTheAdminEndpoint() {
        int[] ports = Wire.freePorts(2);
        int port = ports[0];
        int adminPort = ports[1];
        try (InettyProcess inetty = activated(List.of("-l", "127.0.0.1:" + port, "-l", "127.0.0.1:" + adminPort,
                "--fdname=echo:admin"), List.of("serve"))) {
            inetty.awaitStderrLine("Listening on 127.0.0.1:" + adminPort, BOUND);
            assertThat(curl("http://127.0.0.1:" + adminPort + "/readyz")).as(inetty.describe()).isEqualTo("200 ready");
            inetty.awaitReady();
            assertThat(inetty.stdout()).contains("listening admin http 127.0.0.1:" + adminPort);
            assertThat(inetty.endpoints()).containsExactly(endpoint("echo", "tcp", port),
                    endpoint("admin", "http", adminPort));
            assertThat(tcp(port, "beside the admin\n")).isEqualTo("beside the admin\n");
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void aUdpSocketIsServedStartingWithTheDatagramThatActivatedIt() {
        int port = Wire.freePort();
        try (InettyProcess inetty = activated(List.of("--datagram", "-l", "127.0.0.1:" + port, "--fdname=echo/udp"),
                List.of("serve"))) {
            inetty.awaitStderrLine("Listening on 127.0.0.1:" + port, BOUND);
            assertThat(udp(port, "first datagram")).as(inetty.describe()).isEqualTo("first datagram");
            inetty.awaitReady();
            assertThat(inetty.endpoints()).containsExactly(endpoint("echo", "udp", port));
            assertThat(udp(port, "second datagram")).isEqualTo("second datagram");
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void unnamedTcpAndUdpSocketsServeTheServiceOfTheirPort() {
        int port = Wire.freePort();
        String offset = Integer.toString(port - 13); // daytime's port plus the offset
        List<String> inner = List.of(ACTIVATE, "--datagram", "-l", "127.0.0.1:" + port);
        List<String> outer = new ArrayList<>(List.of("-l", "127.0.0.1:" + port));
        outer.addAll(inner);
        try (InettyProcess inetty = activated(outer, List.of("serve", "--port-offset", offset))) {
            inetty.awaitStderrLine("Listening on 127.0.0.1:" + port, BOUND);
            Wire.assertDaytime(tcp(port, ""));
            inetty.awaitReady();
            assertThat(inetty.endpoints()).containsExactly(endpoint("daytime", "tcp", port),
                    endpoint("daytime", "udp", port));
            Wire.assertDaytime(udp(port, "?"));
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void severalProcessesServeTheSameSocketsSoOneMayPauseWithoutARefusal() throws Exception {
        // How many instances share a port on one host without SO_REUSEPORT: the system owns the socket and every
        // instance gets it (systemd's template units; here a small forking activator).
        Path prefork = Path.of(SocketActivationTest.class.getResource("/prefork.py").toURI());
        int port = Wire.freePort();
        List<String> command = new ArrayList<>(List.of("python3", prefork.toString(), "2", Integer.toString(port)));
        command.addAll(InettyProcess.command(List.of(), InettyProcess.jar(), List.of("serve")));
        try (InettyProcess both = InettyProcess.spawn(Map.of(), command)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (both.stdout().stream().filter("ready"::equals).count() < 2) {
                assertThat(System.nanoTime()).as("two instances ready: %s", both.describe()).isLessThan(deadline);
                NotifyReceiver.pause(50);
            }
            assertThat(both.stdout()).filteredOn(l -> l.startsWith("listening"))
                    .containsOnly("listening whoami tcp 127.0.0.1:" + port, "listening whoami udp 127.0.0.1:" + port);
            Map<String, String> pids = new LinkedHashMap<>();
            for (String line : both.stderrLines("child p")) {
                String[] f = line.split(" ");
                pids.put(f[1], f[3]);
            }
            for (String paused : List.of("p0", "p1")) {
                String serving = paused.equals("p0") ? "p1" : "p0";
                run(List.of("kill", "-STOP", pids.get(paused)));
                try {
                    for (int i = 0; i < 5; i++) {
                        assertThat(tcp(port, "")).as("TCP, %s paused", paused).contains("\"instance\":\"" + serving + "\"");
                    }
                    assertThat(udp(port, "?")).as("UDP, %s paused", paused).contains("\"instance\":\"" + serving + "\"");
                } finally {
                    run(List.of("kill", "-CONT", pids.get(paused)));
                }
            }
            assertThat(both.stop()).isZero();
        }
    }

    @Test
    void anUnprivilegedUserServesPortSevenThatTheActivatorBound() throws IOException {
        // Port 7 of a network namespace of this test's own, so no other test or engineer's daemon is disturbed.
        String ns = "inetty-activation-" + ProcessHandle.current().pid();
        run(List.of("ip", "netns", "add", ns));
        try {
            run(List.of("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up"));
            List<String> command = InettyProcess.command(List.of("ip", "netns", "exec", ns, ACTIVATE, "-l",
                    "127.0.0.1:7", "--fdname=echo", "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                    BadInputTest.jarReadableByNobody(tmp), List.of("serve"));
            try (InettyProcess inetty = InettyProcess.spawn(Map.of(), command)) {
                inetty.awaitStderrLine("Listening on 127.0.0.1:7", BOUND);
                Result first = InettyProcess.run(Duration.ofSeconds(60), Map.of(), List.of("ip", "netns", "exec", ns,
                        "/bin/sh", "-c", "printf 'served by nobody\\n' | socat -t 20 - TCP:127.0.0.1:7"));
                assertThat(first.stdout()).as("%s\n%s", first, inetty.describe()).isEqualTo("served by nobody\n");
                inetty.awaitReady();
                assertThat(inetty.endpoints()).containsExactly(endpoint("echo", "tcp", 7));
                assertThat(Files.readAllLines(Path.of("/proc", Long.toString(inetty.pid()), "status")))
                        .as("the daemon runs as nobody").anyMatch(l -> l.matches("Uid:\\s+65534\\s+65534\\s+65534\\s+65534"));
                assertThat(inetty.stop()).isZero();
            }
        } finally {
            run(List.of("ip", "netns", "del", ns));
        }
    }

    @Test
    void theLauncherExecsSoTheProcessIdTheActivatorSetStillMatches() throws IOException {
        Path launcher = LauncherTest.launcher(tmp, Duration.ZERO);
        int port = Wire.freePort();
        List<String> command = List.of(ACTIVATE, "-l", "127.0.0.1:" + port, "--fdname=echo", launcher.toString(), "serve");
        try (InettyProcess inetty = InettyProcess.spawn(Map.of(), command)) {
            inetty.awaitStderrLine("Listening on 127.0.0.1:" + port, BOUND);
            assertThat(tcp(port, "through ./inetty\n")).as(inetty.describe()).isEqualTo("through ./inetty\n");
            inetty.awaitReady();
            assertThat(inetty.endpoints()).containsExactly(endpoint("echo", "tcp", port));
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void aNameThatIsNoServiceOrASocketOfTheOtherTransportStopsWithOneLineAndExitTwo() {
        int port = Wire.freePort();
        assertThat(failure(List.of("-l", "127.0.0.1:" + port, "--fdname=ecko"), port, false))
                .isEqualTo("inetty serve: LISTEN_FDNAMES: 'ecko' (fd 3) is not a service (expected: NAME, NAME/tcp or"
                        + " NAME/udp of echo, discard, daytime, qotd, chargen, time, whoami; or admin) (see 'inetty serve --help')");
        int other = Wire.freePort();
        assertThat(failure(List.of("--datagram", "-l", "127.0.0.1:" + other, "--fdname=echo/tcp"), other, true))
                .isEqualTo("inetty serve: LISTEN_FDNAMES: 'echo/tcp' is fd 3, a udp socket (expected: tcp)"
                        + " (see 'inetty serve --help')");
    }

    @Test
    void notifySocketGetsReadyOnceServingAndStoppingAtTheSignal() {
        try (NotifyReceiver manager = NotifyReceiver.at(tmp.resolve("notify"));
             InettyProcess inetty = InettyProcess.launch(Map.of("NOTIFY_SOCKET", manager.address()),
                     InettyProcess.command(List.of(), InettyProcess.jar(),
                             List.of("serve", "--bind", "127.0.0.1", "--service", "echo/tcp:0")))) {
            assertThat(manager.await("READY=1")).containsExactly("READY=1", "STATUS=serving 1 socket(s)");
            inetty.sigterm();
            assertThat(inetty.waitForExit(InettyProcess.STOP_TIMEOUT)).isZero();
            assertThat(manager.await("STOPPING=1")).endsWith("STOPPING=1", "STATUS=draining");
        }
    }

    /** The one line the daemon wrote to standard error once activated by a connection (or a datagram). */
    private static String failure(List<String> activator, int port, boolean datagram) {
        try (InettyProcess inetty = activated(activator, List.of("serve"))) {
            inetty.awaitStderrLine("Listening on 127.0.0.1:" + port, BOUND);
            // Only to wake the activator: the daemon it starts fails, so nobody answers.
            InettyProcess.run(Duration.ofSeconds(60), Map.of(), List.of("/bin/sh", "-c", "printf start | socat -t 1 - "
                    + (datagram ? "UDP" : "TCP") + ":127.0.0.1:" + port));
            assertThat(inetty.waitForExit(Duration.ofSeconds(60))).as(inetty.describe()).isEqualTo(2);
            assertThat(inetty.stdout()).isEmpty();
            List<String> lines = inetty.stderrLines("inetty serve:");
            assertThat(lines).as(inetty.describe()).hasSize(1);
            return lines.get(0);
        }
    }

    private static InettyProcess activated(List<String> activator, List<String> args) {
        List<String> prefix = new ArrayList<>();
        prefix.add(ACTIVATE);
        prefix.addAll(activator);
        return InettyProcess.spawn(Map.of(), InettyProcess.command(prefix, InettyProcess.jar(), args));
    }

    /** What socat gets back from a TCP exchange: {@code text} sent, then its half-close, then the reply. */
    static String tcp(int port, String text) {
        return client("printf '" + text.replace("\n", "\\n") + "' | socat -t 20 - TCP:127.0.0.1:" + port);
    }

    /** curl's {@code STATUS BODY} for a GET of {@code url}. */
    static String curl(String url) {
        Result r = InettyProcess.run(Duration.ofSeconds(60), Map.of(), List.of("curl", "-sS", "--max-time", "30", "-w",
                " %{http_code}", url));
        assertThat(r.exitCode()).as("%s", r).isZero();
        String out = r.stdout();
        int space = out.lastIndexOf(' ');
        return out.substring(space + 1) + " " + out.substring(0, space).strip();
    }

    /**
     * The reply to one datagram, from python3's socket module: it returns with the first reply (socat would wait
     * for its timeout, since a datagram peer never says it is done).
     */
    static String udp(int port, String text) {
        Result r = InettyProcess.run(Duration.ofSeconds(60), Map.of(), List.of("python3", "-c", "import socket, sys\n"
                + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.settimeout(30)\n"
                + "s.sendto(sys.argv[1].encode('ascii'), ('127.0.0.1', int(sys.argv[2])))\n"
                + "sys.stdout.write(s.recv(65535).decode('ascii'))", text, Integer.toString(port)));
        assertThat(r.exitCode()).as("%s", r).isZero();
        return r.stdout();
    }

    private static String client(String script) {
        Result r = InettyProcess.run(Duration.ofSeconds(60), Map.of(), List.of("/bin/sh", "-c", script));
        assertThat(r.exitCode()).as("%s", r).isZero();
        return r.stdout();
    }

    private static void run(List<String> command) {
        Result r = InettyProcess.run(Duration.ofSeconds(30), Map.of(), command);
        assertThat(r.exitCode()).as("%s: %s", command, r).isZero();
    }

    private static Endpoint endpoint(String service, String transport, int port) {
        return new Endpoint(service, transport, new InetSocketAddress(Wire.ip("127.0.0.1"), port));
    }

}
