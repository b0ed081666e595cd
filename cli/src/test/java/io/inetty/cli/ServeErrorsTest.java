package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code serve}'s configuration mistakes: exit 2, one line on standard error naming what the user typed (the option,
 * or the INETTY_* variable it came from), whether the CLI, a builder or the engine found the mistake.
 */
class ServeErrorsTest {
    @TempDir
    Path tmp;

    /**
     * Runs {@code serve} ({@code --service echo:0} unless a service is chosen); {@code env} holds {@code NAME=value}
     * pairs separated by spaces.
     */
    private static String fails(int code, String env, String args) {
        Map<String, String> variables = new HashMap<>();
        for (String pair : env.isBlank() ? new String[0] : env.split(" ")) {
            variables.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Cli cli = new Cli(variables);
        String service = args.contains("--service") || env.contains("INETTY_SERVICE") ? "" : "--service echo:0 ";
        assertThat(cli.run(("serve " + service + args).strip().split(" "))).as(cli.err.toString()).isEqualTo(code);
        assertThat(cli.out.toString()).isEmpty();
        return cli.errLine();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "|--service nope|--service: unknown service 'nope' (expected one of: echo, discard, daytime, qotd, chargen, time, whoami)",
        "|--service echo:70000|--service: 'echo:70000': port: 70000 (expected: 0-65535)",
        "|--service echo --port-offset 65530|--port-offset: 65530 would put echo on port 65537",
        "INETTY_PORT_OFFSET=65530|--service echo|INETTY_PORT_OFFSET: 65530 would put echo on port 65537",
        "INETTY_PORT_OFFSET=abc||INETTY_PORT_OFFSET: 'abc' is not an int",
        "|--port-offset abc|--port-offset: 'abc' is not an int",
        "|--service echo:12345 --service daytime:12345|--service: echo/tcp and daytime/tcp both on tcp port 12345",
        "INETTY_SERVICE=echo:12345,daytime:12345||INETTY_SERVICE: echo/tcp and daytime/tcp both on tcp port 12345",
        "|--service echo --service echo/udp|--service: echo/udp given twice",
        "|-4 -6|-4 and -6 exclude each other",
        "INETTY_IPV4=true INETTY_IPV6=yes||INETTY_IPV4 and INETTY_IPV6 exclude each other",
        "INETTY_IPV6=1|-4|-4 and INETTY_IPV6 exclude each other",
        "INETTY_UDP_STRICT=maybe||INETTY_UDP_STRICT: 'maybe' (expected: true, false, 1, 0, yes or no)",
        "|--udp-reply-budget -5|--udp-reply-budget: -5 (expected: >= 0, 0 = off)",
        "INETTY_UDP_REPLY_BUDGET=-5||INETTY_UDP_REPLY_BUDGET: -5 (expected: >= 0, 0 = off)",
        "|--max-connections -1|--max-connections: -1 (expected: >= 0, 0 = unlimited)",
        "|--max-session-bytes 1x|--max-session-bytes: '1x' (expected: a byte count",
        "|--allow 10.0.0.0/33|--allow: '10.0.0.0/33': prefix (expected: 0-32)",
        "|--deny nonsense|--deny: 'nonsense' (expected: an IP literal or CIDR",
        "|--threads -1|--threads: -1 (expected: 0 for one per CPU, or more)",
        "|--shutdown-timeout soon|--shutdown-timeout: 'soon' (expected: a duration",
        "|--daytime-zone Mars/Olympus|--daytime-zone: 'Mars/Olympus' (expected: a zone",
        "|--transport carrier-pigeon|--transport: expected one of [AUTO, EPOLL, IO_URING, NIO]",
        "|--bind [::1]:7|--bind: '[::1]:7' (expected: a host name or an IP literal, without a port)",
        "INETTY_BIND=127.0.0.1:7||INETTY_BIND: '127.0.0.1:7' (expected: a host name or an IP literal, without a port)",
        "|-4 --bind ::1|--bind: '::1' has no IPv4 address, and only IPv4 is served (-4)",
        "|--service echo/tls:0|--service: 'echo/tls:0' needs a certificate (expected: --tls-cert FILE --tls-key FILE, or --tls-self-signed)",
        "|--service echo/sctp|--service: 'echo/sctp': transport sctp (expected: tcp, udp or tls)",
        "|--service echo/tls:0 --tls-cert /nonexistent/c.pem|--tls-key: missing (expected together with --tls-cert)",
        "|--service echo/tls:0 --tls-cert /nonexistent/c.pem --tls-key /nonexistent/k.pem|--tls-cert: '/nonexistent/c.pem' (no such file)",
        "INETTY_TLS_CERT=/nonexistent/c.pem INETTY_TLS_KEY=/k|--service echo/tls:0|INETTY_TLS_CERT: '/nonexistent/c.pem' (no such file)",
        "|--service echo/tls:0 --tls-self-signed --tls-engine wolfssl|--tls-engine: 'wolfssl' (expected: auto, openssl or jdk)",
        "|--service echo/tls:0 --tls-self-signed --tls-client-ca /nonexistent/ca.pem|--tls-client-ca: '/nonexistent/ca.pem' (no such file)",
        "|--proxy-protocol 10.0.0.0/33|--proxy-protocol: '10.0.0.0/33' (expected: an IP literal or CIDR, e.g. 10.0.0.0/8 or ::1/128)",
        "INETTY_PROXY_PROTOCOL=proxy.example||INETTY_PROXY_PROTOCOL: 'proxy.example' (expected: an IP literal or CIDR",
        "|--fault echo=latncy|--fault: 'echo=latncy': type: 'latncy' (expected: one of latency,",
        "|--fault echo=latency,latncy=5ms|--fault: 'echo=latency,latncy=5ms': key: 'latncy' (expected for latency: latency, jitter,",
        "|--fault echo=latency,latency=5|--fault: 'echo=latency,latency=5': latency: '5' (expected: a duration with its unit",
        "|--fault echo=loss,probability=1.5|--fault: 'echo=loss,probability=1.5': probability: '1.5' (expected: a probability from 0 to 1)",
        "|--fault echo=latency,jitter=-5ms|--fault: 'echo=latency,jitter=-5ms': jitter: '-5ms' (expected: a duration with its unit",
        "|--fault echo/tcp=loss,probability=0.1|--fault: 'echo/tcp=loss,probability=0.1': type: loss exists on udp, and echo is served on tcp",
        "|--fault nope=latency|--fault: 'nope=latency': service: 'nope' is not served",
        "|--fault echo/sctp=latency|--fault: 'echo/sctp=latency': transport: 'sctp' (expected: tcp or udp)",
        "|--fault echo|--fault: 'echo': expected SERVICE[/tcp|/udp]=TYPE[,KEY=VALUE]...",
        "|--fault echo=slicer,average_size=10,size_variation=10|--fault: 'echo=slicer,average_size=10,size_variation=10': size_variation: '10' (expected: less than average_size 10)",
        "|--relay echo:0=127.0.0.1:7|--relay: 'echo:0=127.0.0.1:7': name: 'echo' is a service (expected: a name that is none of chargen, daytime, discard, echo, qotd,",
        "|--relay db:0=localhost|--relay: 'db:0=localhost': upstream: 'localhost' (expected: HOST:PORT",
        "|--relay db:0=::1:5432|--relay: 'db:0=::1:5432': upstream: '::1:5432' (expected: HOST:PORT",
        "|--relay db:0=127.0.0.1:70000|--relay: 'db:0=127.0.0.1:70000': upstream: '127.0.0.1:70000' (expected: HOST:PORT with a port from 1 to 65535",
        "|--relay db:70000=127.0.0.1:1|--relay: 'db:70000=127.0.0.1:1': port: '70000' (expected: 0 to 65535",
        "|--relay db/sctp:0=127.0.0.1:1|--relay: 'db/sctp:0=127.0.0.1:1': transport: 'sctp' (expected: tcp or udp)",
        "|--relay db=127.0.0.1:1|--relay: 'db=127.0.0.1:1': expected NAME[/tcp|/udp]:PORT=HOST:PORT",
        "|--frobnicate|Unknown option: '--frobnicate'"})
    void configurationMistakesExit2NamingWhatWasTyped(String env, String args, String message) {
        assertThat(fails(ExitCodes.USAGE, env == null ? "" : env, args == null ? "" : args))
                .startsWith("inetty serve: " + message);
    }

    @Test
    void tlsFileProblemsSayWhichFileAndWhy() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tls"));
        Path notPem = Files.writeString(dir.resolve("cert.pem"), "hello\n");
        assertThat(fails(2, "", "--service echo/tls:0 --tls-cert " + notPem + " --tls-key " + notPem))
                .contains("--tls-cert: '" + notPem + "' (not a PEM certificate");
        assertThat(fails(2, "", "--service echo/tls:0 --tls-self-signed --tls-cert " + notPem + " --tls-key " + notPem))
                .contains("--tls-cert: '" + notPem + "' and a self-signed certificate (expected: one or the other)");
        assertThat(fails(2, "", "--service echo/tls:0 --tls-self-signed --tls-self-signed-out " + dir.resolve("no/such/t.pem")))
                .contains("--tls-self-signed-out: '" + dir.resolve("no/such/t.pem") + "' (not writable");
    }

    @Test
    void quotesFileProblemsSayWhy() throws Exception {
        Path missing = tmp.resolve("missing.txt");
        assertThat(fails(2, "", "--quotes " + missing)).contains("--quotes: cannot read " + missing + ": no such file");
        assertThat(fails(2, "INETTY_QUOTES=" + tmp, "")).contains("INETTY_QUOTES: cannot read " + tmp + ": ");
        Path binary = Files.write(tmp.resolve("binary"), new byte[] {1, 2, (byte) 0xff, 10});
        assertThat(fails(2, "", "--quotes " + binary)).contains("--quotes: " + binary + " is not US-ASCII text")
                .doesNotContain("quotes: quotes");
        Path large = Files.write(tmp.resolve("large.txt"), "A quote.\n%\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        assertThat(fails(2, "", "--quotes " + large)).contains("--quotes: " + large + " is larger than 1 MiB");
        assertThat(fails(2, "", "--quotes /dev/zero")).contains("--quotes: /dev/zero is larger than 1 MiB");
    }

    @Test
    void aNameThatDoesNotResolveCannotStart() {
        assertThat(fails(ExitCodes.START_FAILED, "", "--bind no-such-host.invalid"))
                .isEqualTo("inetty serve: --bind: cannot resolve 'no-such-host.invalid': no such host name");
        assertThat(fails(ExitCodes.START_FAILED, "INETTY_BIND=no-such-host.invalid", ""))
                .startsWith("inetty serve: INETTY_BIND: cannot resolve");
    }
}
