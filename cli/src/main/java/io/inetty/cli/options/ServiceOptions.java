package io.inetty.cli.options;

import io.inetty.protocols.ProtocolOptions;
import io.inetty.protocols.Services;
import io.inetty.protocols.qotd.Qotd;
import io.inetty.server.Inetty;
import io.inetty.server.Ports;
import io.inetty.server.Service;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import io.inetty.tls.TlsOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code serve} serves: {@code --service} specs (TLS ones too), {@code --port-offset}, and the services' own settings. */
public final class ServiceOptions implements ServeFeature {
    @Option(names = "--service", paramLabel = "SPEC", split = ",", converter = ServiceSpec.Converter.class)
    List<ServiceSpec> specs = new ArrayList<>();
    @Mixin PortOffsetOption portOffset = new PortOffsetOption();
    @Option(names = "--quotes", paramLabel = "FILE") Path quotes;
    @Option(names = "--daytime-zone", paramLabel = "ZONE", defaultValue = "UTC") String daytimeZone;
    @Mixin InstanceIdOption instanceId = new InstanceIdOption();

    private final List<Reloadable> reloadables = new ArrayList<>();

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        List<Service> services = available(sources);
        List<ServiceSpec> wanted = specs.isEmpty()
                ? services.stream().map(s -> new ServiceSpec(s.name(), null, null, false)).toList() : specs;
        for (ServiceSpec w : wanted) {
            Service service = Services.find(services, w.name()).orElseThrow(() -> sources.usage(sources.of("--service")
                    + ": unknown service '" + w.name() + "' (expected one of: "
                    + services.stream().map(Service::name).collect(Collectors.joining(", ")) + ")"));
            if (w.tls()) {
                int port = w.port() != null ? w.port() : portOffset.portOf(service, sources) + ServiceSpec.TLS_PORT_SHIFT;
                builder.binding(TlsOptions.DEFAULTS.on(ServiceBinding.of(service, Transport.TCP, Ports.check(port))));
                continue;
            }
            for (Transport t : service.transports()) {
                if (w.transport() == null || w.transport() == t) {
                    builder.service(service, t, w.port() != null ? w.port() : portOf(service, sources));
                }
            }
        }
    }

    @Override
    public List<Reloadable> reloadables() {
        return reloadables;
    }

    /** {@code service}'s default port plus {@code --port-offset}. */
    public int portOf(Service service, Sources sources) {
        return portOffset.portOf(service, sources);
    }

    /**
     * Every service with these settings, for {@link #configure} or a feature that binds them otherwise (socket
     * activation); qotd reads {@code --quotes} (again on SIGHUP). Call once.
     */
    public List<Service> available(Sources sources) {
        ProtocolOptions options;
        try {
            options = ProtocolOptions.DEFAULTS.withZone(ZoneId.of(daytimeZone));
        } catch (DateTimeException e) {
            throw sources.usage(sources.of("--daytime-zone") + ": '" + daytimeZone
                    + "' (expected: a zone such as UTC or Europe/Paris)");
        }
        options = instanceId.apply(options, sources);
        List<Service> services = new ArrayList<>(Services.all(options));
        if (quotes != null) {
            ReloadableQotd qotd;
            try {
                qotd = new ReloadableQotd(quotes, options.random());
            } catch (IOException | IllegalArgumentException e) {
                throw sources.usage(sources.of("--quotes") + ": " + ReloadableQotd.problem(quotes, e));
            }
            services.replaceAll(s -> s.name().equals(Qotd.NAME) ? qotd : s);
            reloadables.add(qotd);
        }
        return services;
    }
}
