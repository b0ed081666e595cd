package io.inetty.cli.options;

import io.inetty.protocols.Services;
import io.inetty.server.Service;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Parameters;

/** {@code SERVICE HOST[:PORT]}, the operands of {@code check} and {@code bench}. */
public final class TargetOptions {
    @Parameters(index = "0", paramLabel = "SERVICE",
            description = "echo, discard, daytime, qotd, chargen or time (bench: echo, discard or chargen).")
    String service;

    @Parameters(index = "1", paramLabel = "HOST[:PORT]",
            description = "Where the service runs: a name or a literal, e.g. localhost:10007, 127.0.0.1, [::1]:7 or"
                    + " ::1 (no port). Without a port: the service's default port plus --port-offset.")
    String where;

    /** The service named; a usage error lists the services there are. */
    public Service service(Sources sources) {
        List<Service> all = Services.all();
        return Services.find(all, service.toLowerCase(Locale.ROOT)).orElseThrow(() -> sources.usage(
                "unknown service '" + service + "' (expected one of: "
                        + all.stream().map(Service::name).collect(Collectors.joining(", ")) + ")"));
    }

    /** The parsed {@code HOST[:PORT]}; a usage error says what was expected. */
    public Target target(Sources sources) {
        try {
            return Target.parse(where);
        } catch (IllegalArgumentException e) {
            throw sources.usage(e.getMessage());
        }
    }

    /** The port to contact: the one given, else {@code service}'s default plus the offset. */
    public int port(Service service, PortOffsetOption offset, Sources sources) {
        Target target = target(sources);
        return target.port() != null ? target.port() : offset.portOf(service, sources);
    }
}
