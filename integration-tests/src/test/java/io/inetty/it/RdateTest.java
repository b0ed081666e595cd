package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import io.inetty.it.InettyProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian's {@code rdate} (RFC 868 client, TCP and with {@code -u} UDP) against the time service, over
 * IPv4 and IPv6. rdate is required: CI installs it (.ci/run); a missing rdate fails, it does not skip.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RdateTest {
    /** ctime(3) text as rdate -p prints it, e.g. {@code Tue Nov 24 23:37:19 UTC 2026}. */
    private static final Pattern CTIME =
            Pattern.compile("([A-Z][a-z]{2}) ([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{2}:\\d{2}:\\d{2}) UTC (\\d{4})");
    private static final DateTimeFormatter PARSE = DateTimeFormatter.ofPattern("MMM d HH:mm:ss uuuu", Locale.US);

    static InettyProcess inetty;

    @BeforeAll
    static void start() {
        inetty = InettyProcess.serve("--bind", "127.0.0.1", "--bind", "::1", "--service", "time:0");
    }

    @AfterAll
    static void stop() {
        if (inetty != null) {
            assertThat(inetty.stop()).isZero();
        }
    }

    static String rdate() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin")) {
            Path p = Path.of(dir, "rdate");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                Path p = Path.of(dir, "rdate");
                if (!dir.isEmpty() && Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return fail("rdate is not installed (Debian package 'rdate'; .ci/run installs it:"
                + " apt-get install rdate). This test requires it and does not skip.");
    }

    @ParameterizedTest(name = "rdate {1} to {0}")
    @CsvSource({"127.0.0.1, tcp", "127.0.0.1, udp", "::1, tcp", "::1, udp"})
    void rdatePrintsTheServedTime(String host, String transport) {
        List<String> command = new ArrayList<>(List.of(rdate(), "-p"));
        if (transport.equals("udp")) {
            command.add("-u");
        }
        command.addAll(List.of("-o", Integer.toString(inetty.port("time", transport)), host));
        Result r = InettyProcess.run(Duration.ofSeconds(30), Map.of("TZ", "UTC", "LC_ALL", "C"), command);
        assertThat(r.exitCode()).as("%s: %s", command, r).isZero();
        Matcher m = CTIME.matcher(r.stdout());
        assertThat(m.find()).as("a ctime date in the output of %s: %s", command, r).isTrue();
        Instant told = LocalDateTime.parse(m.group(2) + " " + m.group(3) + " " + m.group(4) + " " + m.group(5), PARSE)
                .toInstant(ZoneOffset.UTC);
        assertThat(told.getEpochSecond()).as("rdate's date %s vs now", m.group())
                .isCloseTo(Instant.now().getEpochSecond(), within(5L));
    }
}
