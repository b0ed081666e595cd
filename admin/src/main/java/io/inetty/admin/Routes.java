package io.inetty.admin;

import static io.netty.handler.codec.http.HttpMethod.GET;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inetty.admin.faults.ServiceFaultRoutes;
import io.inetty.admin.http.Json;
import io.inetty.admin.http.Response;
import io.inetty.admin.http.Router;
import io.inetty.admin.metrics.MetricsRoute;
import io.inetty.admin.toxiproxy.Proxies;
import io.inetty.admin.toxiproxy.ToxiproxyRoutes;
import io.inetty.faults.Faults;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import io.inetty.server.Transport;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;

/** Every path of the admin endpoint, in one router. */
final class Routes {
    private Routes() {
    }

    static Router of(InettyServer server, Faults faults, AdminServer admin, String version) {
        Proxies proxies = new Proxies(server, faults, admin::stopping);
        Router router = new Router()
                .addFast(GET, "/livez", q -> Response.text(HttpResponseStatus.OK, "ok"))
                .addFast(GET, "/readyz", q -> readyz(admin))
                .add(GET, "/metrics", new MetricsRoute(server, faults))
                .add(GET, "/endpoints", q -> Response.ok(endpoints(server)));
        ServiceFaultRoutes.register(router, faults, (service, transport) -> served(server, proxies, service, transport));
        ToxiproxyRoutes.register(router, proxies, version);
        return router;
    }

    private static Response readyz(AdminServer admin) {
        if (admin.isReady()) {
            return Response.text(HttpResponseStatus.OK, "ready");
        }
        return Response.text(HttpResponseStatus.SERVICE_UNAVAILABLE, admin.stopping() ? "draining" : "not ready");
    }

    /** {@code [{"service": "echo", "transport": "tcp", "address": "127.0.0.1", "port": 7}, ...]}. */
    private static ArrayNode endpoints(InettyServer server) {
        ArrayNode out = Json.array();
        for (Endpoint e : server.endpoints()) {
            ObjectNode o = out.addObject().put("service", e.service()).put("transport", e.transport().label());
            if (!e.label().equals(e.transport().label())) {
                o.put("label", e.label());
            }
            o.put("address", NetUtil.toAddressString(e.address().getAddress())).put("port", e.port());
        }
        return out;
    }

    /** A service or relay the server was started with, serves now, or a proxy of the API. */
    private static boolean served(InettyServer server, Proxies proxies, String service, Transport transport) {
        return server.config().bindings().stream()
                .anyMatch(b -> b.service().name().equals(service) && b.transport() == transport)
                || server.endpoints().stream().anyMatch(e -> e.service().equals(service) && e.transport() == transport)
                || proxies.serves(service, transport);
    }
}
