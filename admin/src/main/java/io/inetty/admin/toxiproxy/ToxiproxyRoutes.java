package io.inetty.admin.toxiproxy;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inetty.admin.faults.FaultResource;
import io.inetty.admin.http.Json;
import io.inetty.admin.http.Request;
import io.inetty.admin.http.Response;
import io.inetty.admin.http.Router;
import io.inetty.faults.BindingFaults;
import io.inetty.faults.Fault;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Toxiproxy 2.x's API on {@link Proxies}: {@code GET /version}; {@code GET/POST /proxies}; {@code GET, POST/PATCH,
 * DELETE /proxies/{proxy}}; {@code GET/POST /proxies/{proxy}/toxics}; {@code GET, POST/PATCH, DELETE
 * /proxies/{proxy}/toxics/{toxic}}; {@code POST /reset}; {@code POST /populate}. Status codes as Toxiproxy's: 201 for
 * a created proxy and for populate, 200 for a created toxic, 204 for a delete or reset.
 */
public final class ToxiproxyRoutes {
    private static final Logger log = LoggerFactory.getLogger("inetty.admin");
    private static final String PROXY = "/proxies/{proxy}";
    private static final String TOXICS = PROXY + "/toxics";
    private static final String TOXIC = TOXICS + "/{toxic}";

    private final Proxies proxies;

    private ToxiproxyRoutes(Proxies proxies) {
        this.proxies = proxies;
    }

    /** Adds the routes to {@code router}; {@code version} is what {@code /version} reports. */
    public static void register(Router router, Proxies proxies, String version) {
        ToxiproxyRoutes r = new ToxiproxyRoutes(proxies);
        router.add(GET, "/version", q -> Response.ok(Json.object().put("version", version)))
                .add(GET, "/proxies", q -> r.index())
                .add(POST, "/proxies", r::create)
                .add(POST, "/reset", q -> r.reset())
                .add(POST, "/populate", r::populate)
                .add(GET, PROXY, q -> Response.ok(r.json(proxies.get(q.param("proxy")))))
                .add(POST, PROXY, r::update)
                .add(PATCH, PROXY, r::update)
                .add(DELETE, PROXY, r::delete)
                .add(GET, TOXICS, q -> FaultResource.list(r.toxics(q)))
                .add(POST, TOXICS, q -> FaultResource.create(r.toxics(q), q))
                .add(GET, TOXIC, q -> FaultResource.show(r.toxics(q), q.param("toxic")))
                .add(POST, TOXIC, q -> FaultResource.update(r.toxics(q), q.param("toxic"), q))
                .add(PATCH, TOXIC, q -> FaultResource.update(r.toxics(q), q.param("toxic"), q))
                .add(DELETE, TOXIC, q -> FaultResource.delete(r.toxics(q), q.param("toxic")));
    }

    private Response index() {
        ObjectNode all = Json.object();
        proxies.all().forEach(p -> all.set(p.name(), json(p)));
        return Response.ok(all);
    }

    private Response create(Request q) {
        Proxy p = proxies.create(ProxyJson.create(q.json(), ""));
        log.info("proxy {} created", p);
        return Response.json(HttpResponseStatus.CREATED, json(p));
    }

    private Response update(Request q) {
        String name = q.param("proxy");
        Proxy p = proxies.update(name, ProxyJson.update(proxies.get(name), q.json()));
        log.info("proxy {} updated", p);
        return Response.ok(json(p));
    }

    private Response delete(Request q) {
        proxies.delete(q.param("proxy"));
        log.info("proxy {} deleted", q.param("proxy"));
        return Response.noContent();
    }

    private Response reset() {
        proxies.reset();
        log.info("reset (every proxy enabled, every fault removed)");
        return Response.noContent();
    }

    private Response populate(Request q) {
        List<ProxySpec> specs = ProxyJson.populate(q.json());
        try {
            List<Proxy> done = proxies.populate(specs);
            log.info("populated {} prox(y/ies)", done.size());
            return Response.json(HttpResponseStatus.CREATED, Json.object().set("proxies", written(done)));
        } catch (Proxies.PopulateFailure e) {
            HttpResponseStatus status = e.cause.status();
            ObjectNode body = Json.object().put("error", e.cause.getMessage()).put("status", status.code());
            body.set("proxies", written(e.done));
            return Response.json(status, body);
        }
    }

    private ArrayNode written(List<Proxy> list) {
        return ProxyJson.write(list.stream().map(this::json).toList());
    }

    private BindingFaults toxics(Request q) {
        return proxies.toxics(proxies.get(q.param("proxy")));
    }

    private ObjectNode json(Proxy p) {
        List<Fault> toxics = proxies.hasFaults() ? proxies.toxics(p).list() : List.of();
        return ProxyJson.write(p, toxics);
    }
}
