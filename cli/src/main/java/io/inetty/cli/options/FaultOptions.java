package io.inetty.cli.options;

import io.inetty.faults.Fault;
import io.inetty.faults.Faults;
import io.inetty.server.Inetty;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * {@code --fault SERVICE[/tcp|/udp]=TYPE[,KEY=VALUE]...} (repeatable, stacking in order; {@code INETTY_FAULT}
 * holds several separated by {@code ;}): faults on services and relays, through the fault engine, which is always
 * added (so that faults can also be changed at runtime).
 */
public final class FaultOptions implements ServeFeature {
    @Option(names = "--fault", paramLabel = "SERVICE[/tcp|/udp]=TYPE[,KEY=VALUE]...", split = ";")
    List<String> specs = new ArrayList<>();

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        Faults faults = Faults.create();
        builder.pipeline(faults);
        if (specs.isEmpty()) {
            return;
        }
        Map<String, Set<Transport>> served = served(builder, sources);
        for (String spec : specs) {
            try {
                add(faults, spec.strip(), served);
            } catch (IllegalArgumentException e) {
                throw sources.usage(sources.of("--fault") + ": '" + spec.strip() + "': " + e.getMessage());
            }
        }
    }

    private static void add(Faults faults, String spec, Map<String, Set<Transport>> served) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected SERVICE[/tcp|/udp]=TYPE[,KEY=VALUE]..., e.g."
                    + " echo/tcp=latency,latency=200ms");
        }
        String target = spec.substring(0, eq).strip();
        String name = target;
        Transport only = null;
        int slash = target.indexOf('/');
        if (slash >= 0) {
            name = target.substring(0, slash);
            only = transport(target.substring(slash + 1));
        }
        Set<Transport> transports = served.get(name);
        if (transports == null) {
            throw new IllegalArgumentException("service: '" + name + "' is not served (expected one of: "
                    + String.join(", ", served.keySet()) + ")");
        }
        Fault fault = Fault.parse(spec.substring(eq + 1));
        Set<Transport> on = EnumSet.noneOf(Transport.class);
        for (Transport t : transports) {
            if ((only == null || only == t) && fault.transports().contains(t)) {
                on.add(t);
            }
        }
        if (on.isEmpty()) {
            throw new IllegalArgumentException("type: " + fault.type() + " exists on " + labels(fault.transports())
                    + ", and " + name + " is served on " + labels(only == null ? transports : EnumSet.of(only)));
        }
        for (Transport t : on) {
            faults.faults(name, t).add(fault);
        }
    }

    /** {@code tcp} or {@code udp}. */
    static Transport transport(String label) {
        for (Transport t : Transport.values()) {
            if (t.label().equals(label.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("transport: '" + label + "' (expected: tcp or udp)");
    }

    private static String labels(Set<Transport> ts) {
        return String.join(" and ", ts.stream().map(Transport::label).toList());
    }

    /** The names served so far (services and relays) and their transports. */
    private static Map<String, Set<Transport>> served(Inetty.Builder builder, Sources sources) {
        List<ServiceBinding> bindings;
        try {
            bindings = builder.config().bindings();
        } catch (IllegalArgumentException e) {
            throw sources.usage(e);
        }
        Map<String, Set<Transport>> served = new TreeMap<>();
        for (ServiceBinding b : bindings) {
            served.computeIfAbsent(b.service().name(), k -> EnumSet.noneOf(Transport.class)).add(b.transport());
        }
        return served;
    }
}
