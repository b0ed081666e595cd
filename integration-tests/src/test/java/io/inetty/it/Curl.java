package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code curl} against the admin endpoint: the status, headers and body of one request. */
final class Curl {
    private Curl() {
    }

    /** A response as curl printed it ({@code -i}). */
    record Reply(int status, String headers, String body) {
        /** The value of a header (case-insensitive), or null. */
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    /** {@code curl -sS -i -X METHOD [extra...] http://ADMIN/PATH}. */
    static Reply call(InetSocketAddress admin, String method, String path, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(Tools.require("curl", "curl"), "-sS", "-i", "--max-time", "20",
                "-H", "Expect:", "-X", method));
        cmd.addAll(List.of(extra));
        String host = admin.getAddress().getHostAddress();
        cmd.add("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.getPort() + path);
        Result r = InettyProcess.run(Duration.ofSeconds(30), Map.of(), cmd);
        assertThat(r.exitCode()).as("curl %s %s: %s", method, path, r).isZero();
        String out = r.stdout();
        int end = out.indexOf("\r\n\r\n");
        assertThat(end).as(out).isPositive();
        String head = out.substring(0, end);
        return new Reply(Integer.parseInt(head.split(" ")[1]), head, out.substring(end + 4));
    }

    static Reply get(InetSocketAddress admin, String path, String... extra) {
        return call(admin, "GET", path, extra);
    }

    /** A request with a JSON body. */
    static Reply json(InetSocketAddress admin, String method, String path, String body, String... extra) {
        List<String> args = new ArrayList<>(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        args.addAll(List.of(extra));
        return call(admin, method, path, args.toArray(String[]::new));
    }
}
