package io.inetty.cli.systemd;

import static java.util.Objects.requireNonNull;

import io.inetty.cli.options.AdminEndpointOptions;
import io.inetty.cli.options.Reloadable;
import io.inetty.cli.options.ServeFeature;
import io.inetty.cli.options.ServiceOptions;
import io.inetty.cli.options.Sources;
import io.inetty.protocols.Services;
import io.inetty.server.BindingOptions;
import io.inetty.server.Endpoint;
import io.inetty.server.InheritedSockets;
import io.inetty.server.Inetty;
import io.inetty.server.Service;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * What {@code serve} serves: the sockets a service manager passed ({@link ListenFds}), each mapped to a service by
 * its name ({@code echo}, {@code echo/tcp}, {@code echo/udp}; {@code admin} is the admin endpoint's), or by its port
 * when it has none (no LISTEN_FDNAMES,
 * or systemd's default name, the socket unit's {@code *.socket}); else the services of {@link ServiceOptions}.
 * The transport is read from each socket; a name that is no service, or a socket of the other transport, is a
 * usage error naming the variable.
 */
public final class SocketActivation implements ServeFeature {
    /** Options that choose what to bind, which passed sockets replace. */
    private static final List<String> REPLACED = List.of("--service", "--bind", "-4", "-6");

    /** The name of the admin endpoint's socket. */
    static final String ADMIN = "admin";

    private final ServiceOptions services;
    private final AdminEndpointOptions admin;
    private final long pid;

    /** Socket activation in front of {@code services}, for this process; a socket named {@code admin} goes to {@code admin}. */
    public SocketActivation(ServiceOptions services, AdminEndpointOptions admin) {
        this(services, admin, ProcessHandle.current().pid());
    }

    SocketActivation(ServiceOptions services, AdminEndpointOptions admin, long pid) {
        this.services = requireNonNull(services, "services");
        this.admin = requireNonNull(admin, "admin");
        this.pid = pid;
    }

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        ListenFds passed;
        try {
            passed = ListenFds.read(sources.environment(), pid);
        } catch (IllegalArgumentException e) {
            throw sources.usage(e.getMessage());
        }
        if (passed.ignored() != null) {
            LoggerFactory.getLogger("inetty").warn(passed.ignored());
        }
        List<ListenFds.Passed> forAdmin = passed.sockets().stream().filter(p -> ADMIN.equals(p.name())).toList();
        if (!forAdmin.isEmpty()) {
            admin.inherit(InheritedSockets.of(forAdmin.stream().mapToInt(p -> adminSocket(p, sources)).toArray()));
        }
        List<ListenFds.Passed> forServices = passed.sockets().stream().filter(p -> !ADMIN.equals(p.name())).toList();
        if (forServices.isEmpty()) {
            services.configure(builder, sources);
            return;
        }
        for (String option : REPLACED) {
            sources.given(option).ifPresent(given -> LoggerFactory.getLogger("inetty").warn(
                    "{} ignored: the {} socket(s) passed by LISTEN_FDS choose what is served", given,
                    forServices.size()));
        }
        bindings(forServices, services.available(sources), sources).forEach(builder::binding);
    }

    /** The admin endpoint's socket: a TCP listener. */
    private static int adminSocket(ListenFds.Passed p, Sources sources) {
        Transport actual = transport(p, sources);
        if (actual != Transport.TCP) {
            throw sources.usage("LISTEN_FDNAMES: 'admin' is fd " + p.fd() + ", a " + actual.label()
                    + " socket (expected: tcp)");
        }
        return p.fd();
    }

    @Override
    public List<Reloadable> reloadables() {
        return services.reloadables();
    }

    /** One binding per service and transport, holding its passed sockets. */
    List<ServiceBinding> bindings(List<ListenFds.Passed> passed, List<Service> available, Sources sources) {
        Map<String, List<Integer>> fds = new LinkedHashMap<>();
        Map<String, Service> serviceOf = new LinkedHashMap<>();
        Map<String, Transport> transportOf = new LinkedHashMap<>();
        for (ListenFds.Passed p : passed) {
            Transport actual = transport(p, sources);
            Service service = unnamed(p.name()) ? byPort(p, actual, available, sources) : byName(p, actual, available, sources);
            String key = service.name() + "/" + actual.label();
            fds.computeIfAbsent(key, k -> new ArrayList<>()).add(p.fd());
            serviceOf.put(key, service);
            transportOf.put(key, actual);
        }
        List<ServiceBinding> out = new ArrayList<>();
        fds.forEach((key, list) -> out.add(ServiceBinding.of(serviceOf.get(key), transportOf.get(key), 0).withOptions(
                BindingOptions.NONE.with(BindingOptions.SOCKETS,
                        InheritedSockets.of(list.stream().mapToInt(Integer::intValue).toArray())))));
        return out;
    }

    private static Transport transport(ListenFds.Passed p, Sources sources) {
        try {
            return InheritedSockets.transportOf(p.fd());
        } catch (IllegalArgumentException e) {
            throw sources.usage("LISTEN_FDS: " + p + ": " + e.getMessage().replaceFirst("^sockets: fd \\d+ ", ""));
        }
    }

    /** No name, or systemd's default one (the socket unit's name): the port tells the service. */
    private static boolean unnamed(String name) {
        return name == null || name.isEmpty() || name.endsWith(".socket");
    }

    private static Service byName(ListenFds.Passed p, Transport actual, List<Service> available, Sources sources) {
        String name = p.name();
        int slash = name.indexOf('/');
        String serviceName = slash < 0 ? name : name.substring(0, slash);
        Service service = Services.find(available, serviceName).orElse(null);
        Transport named = slash < 0 ? actual : transport(name.substring(slash + 1));
        if (service == null || named == null) {
            throw sources.usage("LISTEN_FDNAMES: '" + name + "' (fd " + p.fd() + ") is not a service (expected: NAME,"
                    + " NAME/tcp or NAME/udp of " + names(available) + "; or admin)");
        }
        if (named != actual || !service.transports().contains(actual)) {
            throw sources.usage("LISTEN_FDNAMES: '" + name + "' is fd " + p.fd() + ", a " + actual.label()
                    + " socket (expected: " + (named != actual ? named.label() : service.name() + " speaks "
                    + service.transports()) + ")");
        }
        return service;
    }

    private Service byPort(ListenFds.Passed p, Transport actual, List<Service> available, Sources sources) {
        int port = InheritedSockets.addressOf(p.fd()).getPort();
        for (Service s : available) {
            if (services.portOf(s, sources) == port && s.transports().contains(actual)) {
                return s;
            }
        }
        throw sources.usage("LISTEN_FDS: " + p + " (" + actual.label() + " "
                + Endpoint.format(InheritedSockets.addressOf(p.fd())) + ") has no service name and its port is no"
                + " service's (expected: a name such as FileDescriptorName=echo, or a port of " + available.stream()
                .map(s -> s.name() + " " + services.portOf(s, sources)).collect(Collectors.joining(", ")) + ")");
    }

    private static Transport transport(String label) {
        for (Transport t : Transport.values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        return null;
    }

    private static String names(List<Service> available) {
        return available.stream().map(Service::name).collect(Collectors.joining(", "));
    }
}
