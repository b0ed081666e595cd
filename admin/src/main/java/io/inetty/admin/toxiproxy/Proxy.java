package io.inetty.admin.toxiproxy;

import io.inetty.admin.http.ApiException;
import io.inetty.relay.Relay;
import io.inetty.server.BindFailureException;
import io.inetty.server.BindingOptions;
import io.inetty.server.Endpoint;
import io.inetty.server.HostPort;
import io.inetty.server.InettyException;
import io.inetty.server.InettyServer;
import io.inetty.server.ServiceBinding;
import io.inetty.server.Transport;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.EnumSet;
import java.util.List;

/**
 * One proxy: a relay on one transport, listening while enabled. Disabling closes its sockets and its connections
 * (new ones are refused); enabling binds again, on the port it had. Used only under the lock of {@link Proxies}.
 */
final class Proxy {
    private final Relay relay;
    private final Transport transport;
    private final BindingOptions options;
    private final String host;
    private int port;
    private String listen;
    private ServiceBinding binding;

    private Proxy(Relay relay, Transport transport, BindingOptions options, String host, int port, String listen,
                  ServiceBinding binding) {
        this.relay = relay;
        this.transport = transport;
        this.options = options;
        this.host = host;
        this.port = port;
        this.listen = listen;
        this.binding = binding;
    }

    /** A new proxy, not listening yet; a 400 for a bad name or upstream. */
    static Proxy of(String name, Transport transport, String upstream, HostPort listen) {
        Relay relay;
        try {
            relay = Relay.of(name, upstream, EnumSet.of(transport));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return new Proxy(relay, transport, BindingOptions.NONE, listen.host(), listen.port(), listen.toString(), null);
    }

    /** A relay the server was started with, listening on {@code endpoints}. */
    static Proxy adopt(ServiceBinding binding, List<Endpoint> endpoints) {
        Endpoint first = endpoints.get(0);
        return new Proxy((Relay) binding.service(), binding.transport(), binding.options(), "", first.port(),
                first.hostAndPort(), binding);
    }

    /** Binds (if not listening); a 409 if the address is in use, 400 if it cannot be used, 503 if the server stops. */
    void start(InettyServer server) {
        if (binding != null) {
            return;
        }
        ServiceBinding b = ServiceBinding.of(relay, transport, port).withOptions(options);
        List<Endpoint> opened;
        try {
            opened = server.open(b, host.isEmpty() ? List.of() : List.of(host));
        } catch (BindFailureException e) {
            throw e.kind() == BindFailureException.Kind.ADDRESS_IN_USE ? ApiException.conflict(e.getMessage())
                    : ApiException.badRequest(e.getMessage());
        } catch (InettyException | IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw serverStopping();
        }
        binding = b;
        port = opened.get(0).port();
        listen = opened.get(0).hostAndPort();
    }

    /** Closes its sockets and connections (if listening). */
    void stop(InettyServer server) {
        if (binding == null) {
            return;
        }
        try {
            server.close(binding, true);
        } catch (IllegalStateException e) {
            throw serverStopping();
        }
        binding = null;
    }

    /** Whether {@code listen} and {@code upstream} are what this proxy has (so an update need not rebind). */
    boolean same(HostPort other, String upstream) {
        boolean sameListen = other.equals(new HostPort(host, port)) || other.toString().equals(listen);
        return sameListen && upstream.equals(relay.upstream());
    }

    String name() {
        return relay.name();
    }

    Transport transport() {
        return transport;
    }

    String upstream() {
        return relay.upstream();
    }

    String listen() {
        return listen;
    }

    boolean enabled() {
        return binding != null;
    }

    @Override
    public String toString() {
        return name() + " " + transport.label() + " " + listen + " -> " + upstream() + (enabled() ? "" : " (disabled)");
    }

    static ApiException serverStopping() {
        return new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "server: stopping");
    }
}
