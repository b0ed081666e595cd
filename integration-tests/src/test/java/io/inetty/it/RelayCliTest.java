package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --relay} and {@code INETTY_RELAY} against the built daemon, with third-party clients (socat, nc, python3). */
class RelayCliTest {

    /** Echo on a fixed port and a relay {@code r} to it, on 127.0.0.1. */
    private static InettyProcess relayToEcho(String... more) throws IOException {
        int echo = Wire.freePort();
        List<String> args = new java.util.ArrayList<>(List.of("--bind", "127.0.0.1", "--service", "echo:" + echo,
                "--relay", "r:0=127.0.0.1:" + echo));
        args.addAll(List.of(more));
        return InettyProcess.serve(args.toArray(String[]::new));
    }

    @Test
    void socatAndNcThroughATcpRelayGetTheirRepliesAfterHalfClosing() throws IOException {
        Tools.require("socat", "socat");
        Tools.require("nc", "netcat-openbsd");
        try (InettyProcess inetty = relayToEcho()) {
            assertThat(inetty.stdout()).anyMatch(l -> l.matches("listening r tcp 127\\.0\\.0\\.1:\\d+"))
                    .anyMatch(l -> l.matches("listening r udp 127\\.0\\.0\\.1:\\d+"));
            int port = inetty.port("r", "tcp");
            // socat half-closes when its input ends and prints what comes back until the relay closes
            Result socat = Tools.shell("printf 'through the relay' | socat -t 5 - TCP:127.0.0.1:" + port);
            assertThat(socat.stdout()).as("%s", socat).isEqualTo("through the relay");
            Result nc = Tools.shell("printf 'and nc' | nc -N -w 5 127.0.0.1 " + port);
            assertThat(nc.stdout()).as("%s", nc).isEqualTo("and nc");
        }
    }

    @Test
    void manyPythonClientsThroughAUdpRelayEachGetTheirOwnReplies() throws IOException {
        try (InettyProcess inetty = relayToEcho()) {
            Result r = Tools.python("udp_relay_clients.py", inetty.port("r", "udp"));
            assertThat(r.stdout().strip()).as("%s", r).isEqualTo("120");
        }
    }

    @Test
    void aRefusedUpstreamResetsThePythonClient() throws IOException {
        int dead = Wire.freePort();
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0",
                "--relay", "gone/tcp:0=127.0.0.1:" + dead)) {
            Result r = Tools.python(Tools.HOW_IT_ENDS, inetty.port("gone", "tcp"));
            assertThat(r.stdout().strip()).as("%s", r).isEqualTo("ECONNRESET");
        }
    }

    @Test
    void faultsOnARelayFromTheEnvironment() throws IOException {
        int echo = Wire.freePort();
        Map<String, String> env = Map.of("INETTY_RELAY", "slow/tcp:0=127.0.0.1:" + echo + ";lossy/udp:0=127.0.0.1:" + echo,
                "INETTY_FAULT", "slow=latency,latency=300ms;lossy=loss,probability=1,every=2");
        try (InettyProcess inetty = InettyProcess.start(env, "serve", "--bind", "127.0.0.1", "--service", "echo:" + echo)) {
            Result rtt = Tools.python(Tools.RTT, inetty.port("slow", "tcp"));
            assertThat(Long.parseLong(rtt.stdout().strip())).as("%s", rtt).isBetween(290L, 3000L);
            Result udp = Tools.python(Tools.UDP_BURST, inetty.port("lossy", "udp"), 4);
            assertThat(udp.stdout().strip()).as("%s", udp).isEqualTo("0 2");
        }
    }
}
