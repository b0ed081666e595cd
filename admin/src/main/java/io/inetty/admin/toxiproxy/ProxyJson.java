package io.inetty.admin.toxiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inetty.admin.faults.ToxicJson;
import io.inetty.admin.http.ApiException;
import io.inetty.admin.http.Json;
import io.inetty.faults.Fault;
import io.inetty.server.HostPort;
import io.inetty.server.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Proxies in Toxiproxy's JSON: {@code {"name", "listen", "upstream", "enabled", "toxics": [...]}}, plus
 * {@code "protocol": "udp"} for a UDP proxy only (a TCP proxy looks exactly as in Toxiproxy). A request may carry
 * {@code toxics} (Toxiproxy's Go client sends them back); they are ignored, as Toxiproxy does.
 */
final class ProxyJson {
    /** The listen address of a proxy created without one: loopback, a free port. */
    static final String DEFAULT_LISTEN = "127.0.0.1:0";
    private static final List<String> FIELDS = List.of("name", "listen", "upstream", "enabled", "protocol", "toxics");

    private ProxyJson() {
    }

    /** A create body ({@code name} and {@code upstream} required); {@code where} names it in messages. */
    static ProxySpec create(JsonNode body, String where) {
        ObjectNode o = Json.object(body, "the proxy" + where);
        Json.onlyKeys(o, FIELDS, "a proxy");
        String name = Json.string(o, "name");
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("missing required field: name" + where);
        }
        String upstream = Json.string(o, "upstream");
        if (upstream == null || upstream.isEmpty()) {
            throw ApiException.badRequest("missing required field: upstream" + where);
        }
        String listen = Json.string(o, "listen");
        Boolean enabled = Json.bool(o, "enabled");
        return new ProxySpec(name, listen(listen == null || listen.isEmpty() ? DEFAULT_LISTEN : listen),
                upstream, enabled == null || enabled, protocol(Json.string(o, "protocol")));
    }

    /** A proxy's {@code listen}: {@code HOST:PORT}, {@code [IPv6]:PORT} or {@code :PORT} (port 0 picks one); a 400 otherwise. */
    private static HostPort listen(String text) {
        return HostPort.parse(text).orElseThrow(() -> ApiException.badRequest("listen: '" + text + "' (expected: HOST:PORT"
                + " with a port from 0 to 65535, e.g. 127.0.0.1:0 or [::1]:8080)"));
    }

    /** A populate body: an array of create bodies (all checked before any is created). */
    static List<ProxySpec> populate(JsonNode body) {
        if (!body.isArray()) {
            throw ApiException.badRequest("bad request body: expected an array of proxies");
        }
        List<ProxySpec> specs = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            specs.add(create(body.get(i), " at proxy " + (i + 1)));
        }
        return specs;
    }

    /** An update body: every field optional, the proxy's own values by default; the name is ignored. */
    static ProxySpec update(Proxy current, JsonNode body) {
        ObjectNode o = Json.object(body, "the proxy");
        Json.onlyKeys(o, FIELDS, "a proxy");
        String listen = Json.string(o, "listen");
        String upstream = Json.string(o, "upstream");
        Boolean enabled = Json.bool(o, "enabled");
        String protocol = Json.string(o, "protocol");
        return new ProxySpec(current.name(), listen(listen == null ? current.listen() : listen),
                upstream == null ? current.upstream() : upstream, enabled == null ? current.enabled() : enabled,
                protocol == null ? current.transport() : protocol(protocol));
    }

    /** A proxy with its toxics. */
    static ObjectNode write(Proxy p, List<Fault> toxics) {
        ObjectNode o = Json.object().put("name", p.name()).put("listen", p.listen()).put("upstream", p.upstream())
                .put("enabled", p.enabled());
        o.set("toxics", ToxicJson.write(toxics));
        if (p.transport() == Transport.UDP) {
            o.put("protocol", "udp");
        }
        return o;
    }

    /** Proxies with their toxics, as populate answers. */
    static ArrayNode write(List<ObjectNode> proxies) {
        ArrayNode a = Json.array();
        proxies.forEach(a::add);
        return a;
    }

    private static Transport protocol(String text) {
        if (text == null || text.equals("tcp")) {
            return Transport.TCP;
        }
        if (text.equals("udp")) {
            return Transport.UDP;
        }
        throw ApiException.badRequest("protocol: '" + text + "' (expected: tcp or udp)");
    }
}
