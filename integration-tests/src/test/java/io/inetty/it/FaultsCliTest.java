package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --fault} and {@code INETTY_FAULT} against the built daemon, with third-party clients (python3, socat). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultsCliTest {
    @Test
    void tcpLatencyFromTheCommandLine() {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0",
                "--fault", "echo/tcp=latency,latency=300ms,jitter=20ms")) {
            Result r = Tools.python(Tools.RTT, inetty.port("echo", "tcp"));
            assertThat(r.exitCode()).as("%s", r).isZero();
            assertThat(Long.parseLong(r.stdout().strip())).isBetween(280L, 3000L);
        }
    }

    @Test
    void udpLossWithASeedLosesTheSameDatagramsInEachRun() {
        String first = lossRun();
        String[] kept = first.split(" ");
        assertThat(kept.length).as("binomial 99 %% interval of 100 at 0.5: %s", first).isBetween(37, 63);
        assertThat(lossRun()).isEqualTo(first);
    }

    private static String lossRun() {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/udp:0",
                "--fault", "echo/udp=loss,probability=0.5,seed=42")) {
            Result r = Tools.python(Tools.UDP_BURST, inetty.port("echo", "udp"), 100);
            assertThat(r.exitCode()).as("%s", r).isZero();
            return r.stdout().strip();
        }
    }

    @Test
    void resetPeerGivesPythonAConnectionReset() {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0",
                "--fault", "echo=reset_peer,timeout=100ms")) {
            Result r = Tools.python(Tools.HOW_IT_ENDS, inetty.port("echo", "tcp"));
            assertThat(r.stdout().strip()).as("%s", r).isEqualTo("ECONNRESET");
        }
    }

    @Test
    void limitDataIsExactForSocat() {
        Tools.require("socat", "socat");
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "chargen/tcp:0",
                "--fault", "chargen=limit_data,bytes=12345")) {
            Result r = Tools.shell("socat -u TCP:127.0.0.1:" + inetty.port("chargen", "tcp") + " STDOUT | wc -c");
            assertThat(r.stdout().strip()).as("%s", r).isEqualTo("12345");
        }
    }

    @Test
    void faultsFromTheEnvironmentStackInOrder() {
        Tools.require("socat", "socat");
        Map<String, String> env = Map.of("INETTY_FAULT",
                "echo/udp=truncate,size=3;echo/tcp=limit_data,bytes=4,stream=upstream");
        try (InettyProcess inetty = InettyProcess.start(env, "serve", "--bind", "127.0.0.1", "--service", "echo:0")) {
            Result udp = Tools.shell("printf hello | socat -t 3 - UDP:127.0.0.1:" + inetty.port("echo", "udp"));
            assertThat(udp.stdout()).as("%s", udp).isEqualTo("hel");
            Result tcp = Tools.shell("printf 'hello world' | socat -t 2 - TCP:127.0.0.1:" + inetty.port("echo", "tcp"));
            assertThat(tcp.stdout()).as("%s", tcp).isEqualTo("hell");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiterString = " || ", value = {
        "--fault || echo=latncy || type: 'latncy' (expected: one of latency,",
        "--fault || echo=latency,latncy=5ms || key: 'latncy' (expected for latency: latency, jitter,",
        "--fault || echo=latency,latency=5 || latency: '5' (expected: a duration with its unit",
        "--fault || echo=loss,probability=1.5 || probability: '1.5' (expected: a probability from 0 to 1)",
        "--fault || echo=latency,jitter=-5ms || jitter: '-5ms' (expected: a duration with its unit",
        "--fault || echo/tcp=loss,probability=0.1 || type: loss exists on udp, and echo is served on tcp",
        "--fault || nope=latency || service: 'nope' is not served",
        "--fault || echo/sctp=latency || transport: 'sctp' (expected: tcp or udp)",
        "--fault || echo || expected SERVICE[/tcp|/udp]=TYPE[,KEY=VALUE]...",
        "--fault || echo=slicer,average_size=10,size_variation=10 || size_variation: '10' (expected: less than average_size 10)",
        "--relay || echo:0=127.0.0.1:7 || name: 'echo' is a service (expected: a name that is none of chargen, daytime, discard, echo, qotd,",
        "--relay || db:0=localhost || upstream: 'localhost' (expected: HOST:PORT",
        "--relay || db:0=::1:5432 || upstream: '::1:5432' (expected: HOST:PORT",
        "--relay || db:0=127.0.0.1:70000 || upstream: '127.0.0.1:70000' (expected: HOST:PORT with a port from 1 to 65535",
        "--relay || db:70000=127.0.0.1:1 || port: '70000' (expected: 0 to 65535",
        "--relay || db/sctp:0=127.0.0.1:1 || transport: 'sctp' (expected: tcp or udp)",
        "--relay || db=127.0.0.1:1 || expected NAME[/tcp|/udp]:PORT=HOST:PORT"
    })
    void badFaultsAndRelaysAreOneLineAndExitTwo(String option, String spec, String message) {
        Tools.assertBadOption(option, spec, message);
    }

    @Test
    void aBadFaultInTheEnvironmentNamesTheVariable() {
        String line = BadInputTest.assertFails(InettyProcess.runInetty(Map.of("INETTY_FAULT", "echo=latency;echo=oops"),
                List.of(), List.of("serve", "--bind", "127.0.0.1", "--service", "echo:0")), 2);
        assertThat(line).contains("INETTY_FAULT: 'echo=oops': type: 'oops'");
    }
}
