package io.inetty.protocols;

import static java.util.Objects.requireNonNull;

import io.inetty.protocols.chargen.Chargen;
import io.inetty.protocols.daytime.Daytime;
import io.inetty.protocols.discard.Discard;
import io.inetty.protocols.echo.Echo;
import io.inetty.protocols.qotd.Qotd;
import io.inetty.protocols.time.Time;
import io.inetty.protocols.whoami.Whoami;
import io.inetty.server.Service;
import java.util.List;
import java.util.Optional;

/** The registry of the services; adding a service is one package plus one line in {@link #all}. */
public final class Services {
    /** Echo, RFC 862. */
    public static final Service ECHO = new Echo();
    /** Discard, RFC 863. */
    public static final Service DISCARD = new Discard();
    /** Character generator, RFC 864. */
    public static final Service CHARGEN = new Chargen();
    /** Quote of the day, RFC 865, built-in quotes. */
    public static final Service QOTD = new Qotd();
    /** Daytime, RFC 867, in UTC. */
    public static final Service DAYTIME = new Daytime();
    /** Time, RFC 868. */
    public static final Service TIME = new Time();
    /** whoami: which instance answered and whom it saw (JSON), port 4242. */
    public static final Service WHOAMI = new Whoami();

    private Services() {
    }

    /** Every service with default settings, in port order. */
    public static List<Service> all() {
        return all(ProtocolOptions.DEFAULTS);
    }

    /** Every service configured with {@code options}, in port order. */
    public static List<Service> all(ProtocolOptions options) {
        requireNonNull(options, "options");
        return List.of(
                new Echo(),
                new Discard(),
                new Daytime(options.clock(), options.zone()),
                new Qotd(options.quotes(), options.random()),
                new Chargen(options.random()),
                new Time(options.clock()),
                new Whoami(options.clock(), options.host(), options.instance()));
    }

    /** The service called {@code name} among {@code services}. */
    public static Optional<Service> find(List<Service> services, String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
