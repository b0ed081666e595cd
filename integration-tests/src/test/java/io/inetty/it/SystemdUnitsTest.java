package io.inetty.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * packaging/systemd: the units pass {@code systemd-analyze verify} without a diagnostic (as .ci/run checks), the
 * socket unit listens on every port the daemon serves, on both transports, and the environment file holds only
 * variables the daemon knows, with a stop timeout above the drain.
 */
class SystemdUnitsTest {
    private static Path units;

    @BeforeAll
    static void locate() {
        units = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../packaging/systemd")
                .toAbsolutePath().normalize();
        SocketActivationTest.require("/usr/bin/systemd-analyze", "systemd");
    }

    @Test
    void theUnitsPassSystemdAnalyzeVerifyWithoutADiagnostic() throws IOException {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        try (Stream<Path> files = Files.list(units)) {
            files.map(Path::toString).filter(f -> f.endsWith(".socket") || f.endsWith(".service")).sorted()
                    .forEach(command::add);
        }
        assertThat(command).hasSize(7); // inetty.socket, inetty-admin.socket, inetty.service, inetty-standalone.service
        Result r = InettyProcess.run(Duration.ofSeconds(60), Map.of(), command);
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stdout() + r.stderr()).as("diagnostics of %s", command).isEmpty();
    }

    @Test
    void theSocketUnitListensOnEveryPortOfTheDaemonOnBothTransportsUnnamed() throws IOException {
        Map<String, List<String>> socket = directives(units.resolve("inetty.socket"));
        TreeSet<String> listened = new TreeSet<>();
        socket.getOrDefault("ListenStream", List.of()).forEach(p -> listened.add(p + "/tcp"));
        socket.getOrDefault("ListenDatagram", List.of()).forEach(p -> listened.add(p + "/udp"));
        assertThat(listened).containsExactlyElementsOf(new TreeSet<>(ServiceList.ofDaemon().portsAndTransports()));
        assertThat(socket).as("no name: inetty maps each socket by its port").doesNotContainKey("FileDescriptorName");

        Map<String, List<String>> admin = directives(units.resolve("inetty-admin.socket"));
        assertThat(admin.get("FileDescriptorName")).containsExactly("admin");
        assertThat(admin.get("Service")).containsExactly("inetty.service");
        assertThat(admin.get("ListenStream")).singleElement().asString().startsWith("127.0.0.1:");
    }

    @Test
    void bothServicesAreHardenedNotifyUnitsRunningTheImagesJarWithTheEnvironmentFile() throws IOException {
        for (String unit : new String[] {"inetty.service", "inetty-standalone.service"}) {
            Map<String, List<String>> d = directives(units.resolve(unit));
            assertThat(d.get("Type")).as(unit).containsExactly("notify");
            assertThat(d.get("ExecStart")).as(unit).singleElement().asString().endsWith(" -jar /opt/inetty/inetty.jar serve");
            assertThat(d.get("EnvironmentFile")).as(unit).containsExactly("-/etc/inetty/inetty.env");
            for (String yes : new String[] {"DynamicUser", "NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices"}) {
                assertThat(d.get(yes)).as("%s %s", unit, yes).containsExactly("yes");
            }
            assertThat(d.get("ProtectSystem")).as(unit).containsExactly("strict");
            assertThat(d.get("RestrictAddressFamilies")).as(unit).containsExactly("AF_INET AF_INET6 AF_UNIX");
            assertThat(d.get("SystemCallFilter")).as(unit).containsExactly("@system-service");
        }
        assertThat(directives(units.resolve("inetty.service")).get("CapabilityBoundingSet")).containsExactly("");
        assertThat(directives(units.resolve("inetty-standalone.service")).get("CapabilityBoundingSet"))
                .containsExactly("CAP_NET_BIND_SERVICE");
    }

    @Test
    void theEnvironmentFileNamesOnlyKnownVariablesAndTheStopTimeoutCoversTheDrain() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern line = Pattern.compile("#?(INETTY_[A-Z0-9_]+)=(.*)");
        for (String l : Files.readAllLines(units.resolve("inetty.env"), UTF_8)) {
            Matcher m = line.matcher(l.strip());
            if (m.matches()) {
                env.put(m.group(1), l.startsWith("#") ? "" : m.group(2)); // a commented-out example: its name only
            }
        }
        assertThat(env).containsKeys("INETTY_SHUTDOWN_TIMEOUT", "INETTY_SHUTDOWN_DELAY", "INETTY_SERVICE");
        Map<String, String> run = new LinkedHashMap<>(env);
        run.put("INETTY_BIND", "127.0.0.1");
        run.put("INETTY_SERVICE", "echo/tcp:0");
        Result r = InettyProcess.runInetty(run, List.of(), List.of("serve", "--exit-after-ready"));
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stderr()).as("%s", r).doesNotContain("unknown environment variable");

        long drain = seconds(env.get("INETTY_SHUTDOWN_TIMEOUT")) + seconds(env.get("INETTY_SHUTDOWN_DELAY"));
        for (String unit : new String[] {"inetty.service", "inetty-standalone.service"}) {
            assertThat(seconds(directives(units.resolve(unit)).get("TimeoutStopSec").get(0)))
                    .as("%s TimeoutStopSec above the drain", unit).isGreaterThan(drain + 5);
        }
    }

    /** {@code 5s}, {@code 2m} or a bare number of seconds. */
    static long seconds(String value) {
        Matcher m = Pattern.compile("(\\d+)(s|m)?").matcher(value.strip());
        assertThat(m.matches()).as("a duration: %s", value).isTrue();
        return Long.parseLong(m.group(1)) * ("m".equals(m.group(2)) ? 60 : 1);
    }

    /** Every {@code Key=value} of a unit file, values in order (comments and section headers dropped). */
    static Map<String, List<String>> directives(Path unit) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String l : Files.readAllLines(unit, UTF_8)) {
            String s = l.strip();
            int eq = s.indexOf('=');
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("[") || eq < 0) {
                continue;
            }
            out.computeIfAbsent(s.substring(0, eq), k -> new ArrayList<>()).add(s.substring(eq + 1));
        }
        return out;
    }
}
