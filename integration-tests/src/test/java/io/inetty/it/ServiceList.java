package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the built daemon serves by default, as {@code inetty services --json} says: name, port, transports. */
record ServiceList(List<Entry> entries) {
    private static final Pattern ENTRY = Pattern.compile(
            "\\{\"name\":\"([a-z0-9-]+)\",\"port\":(\\d+),\"transports\":\\[((?:\"[a-z]+\",?)+)\\]\\}");

    /** One service with its default port and its transports ({@code tcp}, {@code udp}). */
    record Entry(String name, int port, List<String> transports) {
    }

    /** Runs {@code inetty services --json} and parses it. */
    static ServiceList ofDaemon() {
        Result r = InettyProcess.runInetty("services", "--json");
        assertThat(r.exitCode()).as("%s", r).isZero();
        List<Entry> entries = new ArrayList<>();
        Matcher m = ENTRY.matcher(r.stdout());
        while (m.find()) {
            entries.add(new Entry(m.group(1), Integer.parseInt(m.group(2)),
                    List.of(m.group(3).replace("\"", "").split(","))));
        }
        assertThat(entries).as("services --json: %s", r.stdout()).isNotEmpty();
        return new ServiceList(List.copyOf(entries));
    }

    /** Every {@code PORT/transport} the daemon serves by default, e.g. {@code 7/tcp}. */
    List<String> portsAndTransports() {
        return entries.stream().flatMap(e -> e.transports().stream().map(t -> e.port() + "/" + t)).sorted().toList();
    }
}
