package io.inetty.admin.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;

/**
 * A complete admin request, detached from Netty's buffers (the body is at most 64 KiB, copied).
 *
 * @param method  the method ({@code HEAD} is routed as {@code GET})
 * @param path    the decoded path, without the query
 * @param params  the path's template variables ({@code proxy}, {@code toxic}, ...)
 * @param headers the request headers
 * @param body    the body, possibly empty
 */
public record Request(HttpMethod method, String path, Map<String, String> params, HttpHeaders headers, byte[] body) {
    /** Validates and copies. */
    public Request {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        params = Map.copyOf(params);
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
    }

    /** A path variable. */
    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("no path variable " + name + " in " + path);
        }
        return value;
    }

    /** This request with the variables of the route it matched. */
    public Request withParams(Map<String, String> values) {
        return new Request(method, path, values, headers, body);
    }

    /** The body as JSON; a 400 if it is empty or not JSON. */
    public JsonNode json() {
        return Json.parse(body);
    }
}
