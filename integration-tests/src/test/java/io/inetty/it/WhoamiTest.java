package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** whoami with third-party clients: socat over TCP and UDP, python3's json module to read the answer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WhoamiTest {
    /** Reads one JSON object on stdin and prints the members asked for, one per line. */
    private static final String READ_JSON = "import json, sys\n"
            + "d = json.loads(sys.stdin.read())\n"
            + "for k in sys.argv[1:]: print(k + '=' + str(d.get(k)))\n";

    @BeforeAll
    static void tools() {
        Tool.require("socat", "socat");
        Tool.require("python3", "python3");
    }

    private static List<String> members(String json, String... names) {
        String[] command = new String[names.length + 3];
        command[0] = "python3";
        command[1] = "-c";
        command[2] = READ_JSON;
        System.arraycopy(names, 0, command, 3, names.length);
        Tool py = Tool.run(json, command);
        assertThat(py.exitCode()).as("valid JSON: %s", py).isZero();
        return py.output().lines().toList();
    }

    @Test
    void tcpAndUdpAnswersNameTheClientTheInstanceAndTheTime() {
        try (InettyProcess inetty = InettyProcess.start(Map.of("INETTY_INSTANCE_ID", "from-env"), "serve", "--bind",
                "127.0.0.1", "--service", "whoami:0", "--instance-id", "blue \"7\"")) {
            int port = inetty.port("whoami", "tcp");
            Tool tcp = Tool.run("", "socat", "-t", "5", "-T", "5", "-", "TCP:127.0.0.1:" + port + ",bind=127.0.0.2");
            assertThat(tcp.exitCode()).isZero();
            assertThat(tcp.output()).endsWith("}\n").hasLineCount(1);
            assertThat(members(tcp.output(), "service", "transport", "local", "via", "instance"))
                    .containsExactly("service=whoami", "transport=tcp", "local=127.0.0.1:" + port, "via=None",
                            "instance=blue \"7\"");
            assertThat(members(tcp.output(), "peer", "time").get(0)).matches("peer=127\\.0\\.0\\.2:\\d+");
            assertThat(members(tcp.output(), "time").get(0)).matches("time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            Tool udp = Tool.run("x", "socat", "-t", "2", "-T", "5", "-", "UDP:127.0.0.1:" + inetty.port("whoami", "udp"));
            assertThat(members(udp.output(), "transport", "instance")).containsExactly("transport=udp", "instance=blue \"7\"");
        }
        try (InettyProcess inetty = InettyProcess.start(Map.of("INETTY_INSTANCE_ID", "from-env"), "serve", "--bind",
                "127.0.0.1", "--service", "whoami/tcp:0")) {
            Tool tcp = Tool.run("", "socat", "-t", "5", "-T", "5", "-", "TCP:127.0.0.1:" + inetty.port("whoami", "tcp"));
            assertThat(members(tcp.output(), "instance")).containsExactly("instance=from-env");
        }
    }

    @Test
    void whoamiIsADefaultServiceOnPort4242() {
        InettyProcess.Result r = InettyProcess.runInetty("services");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).containsPattern("(?m)^whoami\\s+4242\\b");
    }
}
