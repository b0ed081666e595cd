package io.inetty.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} read by Prometheus' own parser (Debian's python3-prometheus-client,
 * {@code text_string_to_metric_families}): every inetty family with its type and labels, base units, no client
 * address in any label, process and JVM metrics, and live values (an open chargen stream's bytes).
 */
class PrometheusParserTest {
    /** Prints one line per family: name, type, label names of its samples, and the values of chosen samples. */
    private static final String PARSE = "prometheus_parse.py";

    @Test
    void prometheusParsesEveryFamilyAndTheValuesAreLive() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo:0,chargen:0",
                "--admin", "127.0.0.1:0", "--fault", "echo/udp=duplicate,probability=1");
             Socket stream = new Socket()) {
            stream.setReceiveBufferSize(16 * 1024);
            stream.connect(new InetSocketAddress("127.0.0.1", inetty.port("chargen", "tcp")));
            stream.getInputStream().readNBytes(200_000);
            InetSocketAddress admin = inetty.admin();
            String url = "http://127.0.0.1:" + admin.getPort() + "/metrics";
            Map<String, String> first = parse(url);

            assertThat(first).containsEntry("inetty_connections_accepted", "counter service,transport")
                    .containsEntry("inetty_connections_closed", "counter reason,service,transport")
                    .containsEntry("inetty_connections_open", "gauge service,transport")
                    .containsEntry("inetty_received_bytes", "counter service,transport")
                    .containsEntry("inetty_sent_bytes", "counter service,transport")
                    .containsEntry("inetty_datagrams_received", "counter service,transport")
                    .containsEntry("inetty_datagrams_sent", "counter service,transport")
                    .containsEntry("inetty_datagrams_dropped", "counter reason,service,transport")
                    .containsKeys("process_cpu_seconds", "process_resident_memory_bytes", "jvm_memory_used_bytes",
                            "jvm_threads_current", "jvm_gc_collection_seconds");
            assertThat(first.get("address-labels")).as("no label holds a client address").isNull();
            double sentBefore = Double.parseDouble(first.get("inetty_sent_bytes_total -"));
            assertThat(sentBefore).isGreaterThanOrEqualTo(200_000);
            assertThat(first).containsEntry("inetty_connections_open -", "1.0");

            stream.getInputStream().readNBytes(16 << 20);
            Map<String, String> second = parse(url);
            assertThat(Double.parseDouble(second.get("inetty_sent_bytes_total -")))
                    .as("an open stream's bytes show in the next scrape").isGreaterThan(sentBefore + (8 << 20));

            try (java.net.DatagramSocket udp = new java.net.DatagramSocket()) {
                byte[] ping = "ping".getBytes(US_ASCII);
                udp.send(new java.net.DatagramPacket(ping, 4, new InetSocketAddress("127.0.0.1", inetty.port("echo", "udp"))));
                udp.setSoTimeout(5000);
                udp.receive(new java.net.DatagramPacket(new byte[16], 16));
            }
            String faults = Curl.get(admin, "/metrics").body();
            assertThat(faults).containsPattern(
                    "inetty_faults_applied_total\\{service=\"echo\",transport=\"udp\",type=\"duplicate\"} [1-9]");
        }
    }

    /** Family name to "type labels", "NAME REASON" to the chargen/tcp sample's value, and any address label. */
    private static Map<String, String> parse(String url) {
        Result r = Tools.debianPython("prometheus_client", "python3-prometheus-client", PARSE, url);
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, String> out = new TreeMap<>();
        for (String line : r.stdout().lines().toList()) {
            List<String> p = List.of(line.split(" "));
            switch (p.get(0)) {
                case "family" -> out.put(p.get(1), p.get(2) + (p.size() > 3 ? " " + p.get(3) : ""));
                case "sample" -> out.putIfAbsent(p.get(1) + " " + p.get(2), p.get(3));
                default -> out.put("address-labels", line);
            }
        }
        return out;
    }
}
