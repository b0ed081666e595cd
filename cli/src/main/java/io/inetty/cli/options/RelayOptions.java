package io.inetty.cli.options;

import io.inetty.protocols.Services;
import io.inetty.relay.Relay;
import io.inetty.server.Inetty;
import io.inetty.server.Service;
import io.inetty.server.Transport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --relay NAME[/tcp|/udp]:PORT=HOST:PORT} (repeatable; PORT 0 = ephemeral; both transports when none is
 * named; {@code INETTY_RELAY} holds several separated by {@code ;}): relays served like services, named as fault
 * targets.
 */
public final class RelayOptions implements ServeFeature {
    private static final Pattern SPEC = Pattern.compile("([^/:=]+)(?:/([^:=]*))?:([0-9]+)=(.+)");

    @Option(names = "--relay", paramLabel = "NAME[/tcp|/udp]:PORT=HOST:PORT", split = ";")
    List<String> specs = new ArrayList<>();

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        Set<String> services = Services.all().stream().map(Service::name).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (String raw : specs) {
            String spec = raw.strip();
            try {
                Matcher m = SPEC.matcher(spec);
                if (!m.matches()) {
                    throw new IllegalArgumentException("expected NAME[/tcp|/udp]:PORT=HOST:PORT, e.g. db:15432=127.0.0.1:5432");
                }
                String name = m.group(1).strip();
                if (services.contains(name)) {
                    throw new IllegalArgumentException("name: '" + name + "' is a service (expected: a name that is none of "
                            + services.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("name: '" + name + "' given twice (expected: one --relay per name)");
                }
                Set<Transport> transports = m.group(2) == null ? EnumSet.allOf(Transport.class)
                        : EnumSet.of(FaultOptions.transport(m.group(2)));
                int port = port(m.group(3));
                Relay relay = Relay.of(name, m.group(4), transports);
                for (Transport t : transports) {
                    builder.service(relay, t, port);
                }
            } catch (IllegalArgumentException e) {
                throw sources.usage(sources.of("--relay") + ": '" + spec + "': " + e.getMessage());
            }
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("port: '" + text + "' (expected: 0 to 65535; 0 = ephemeral)");
    }
}
