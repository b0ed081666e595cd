package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --fault} and {@code INETTY_FAULT} against the built daemon, with third-party clients (python3, socat). */
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

    @Test
    void aBadFaultInTheEnvironmentNamesTheVariable() {
        String line = BadInputTest.assertFails(InettyProcess.runInetty(Map.of("INETTY_FAULT", "echo=latency;echo=oops"),
                List.of(), List.of("serve", "--bind", "127.0.0.1", "--service", "echo:0")), 2);
        assertThat(line).contains("INETTY_FAULT: 'echo=oops': type: 'oops'");
    }
}
