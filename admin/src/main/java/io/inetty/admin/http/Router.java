package io.inetty.admin.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The admin's routes: a path template ({@code /proxies/{proxy}/toxics/{toxic}}) and, per method, a handler. A path
 * that matches no template is a 404, a method the template does not take a 405 with {@code Allow}; {@code HEAD} is
 * answered as {@code GET} (without the body). Built once, then only read.
 */
public final class Router {
    /** Answers one request. A refusal is an {@link ApiException}. */
    @FunctionalInterface
    public interface Handler {
        /** The response to {@code request}. */
        Response handle(Request request);
    }

    /** What a request resolved to: its handler and variables, or the error response. */
    public record Match(Handler handler, Map<String, String> params, boolean fast, Response error) {
    }

    private record Route(String[] segments, Map<HttpMethod, Handler> handlers, boolean fast) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds {@code handler} for {@code method} on {@code template}; returns this router. */
    public Router add(HttpMethod method, String template, Handler handler) {
        return add(method, template, handler, false);
    }

    /**
     * Adds a handler cheap enough to answer on the I/O thread (health checks): it stays responsive while the admin's
     * worker runs a longer request.
     */
    public Router addFast(HttpMethod method, String template, Handler handler) {
        return add(method, template, handler, true);
    }

    private Router add(HttpMethod method, String template, Handler handler, boolean fast) {
        requireNonNull(method, "method");
        requireNonNull(handler, "handler");
        String[] segments = split(requireNonNull(template, "template"));
        for (Route r : routes) {
            if (String.join("/", r.segments).equals(String.join("/", segments))) {
                if (r.fast != fast) {
                    throw new IllegalArgumentException("template: " + template + " mixes fast and worker handlers");
                }
                r.handlers.put(method, handler);
                return this;
            }
        }
        Map<HttpMethod, Handler> handlers = new LinkedHashMap<>();
        handlers.put(method, handler);
        routes.add(new Route(segments, handlers, fast));
        return this;
    }

    /** Resolves a request's method and raw path (the query, if any, is ignored). */
    public Match match(HttpMethod method, String uri) {
        String path = new QueryStringDecoder(uri).rawPath();
        if (!path.startsWith("/")) {
            return miss(HttpResponseStatus.NOT_FOUND, "not found: " + abbreviate(uri));
        }
        String[] parts = path.substring(1).split("/", -1);
        for (Route r : routes) {
            Map<String, String> params = matches(r.segments, parts);
            if (params == null) {
                continue;
            }
            Handler h = r.handlers.get(HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method);
            if (h == null) {
                String allow = r.handlers.keySet().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
                allow = r.handlers.containsKey(HttpMethod.GET) ? allow + ", HEAD" : allow;
                return new Match(null, Map.of(), true, Response.error(HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "method not allowed: " + method.name() + " " + path + " (allowed: " + allow + ")")
                        .withHeader("Allow", allow));
            }
            return new Match(h, params, r.fast, null);
        }
        return miss(HttpResponseStatus.NOT_FOUND, "not found: " + abbreviate(path));
    }

    private static Map<String, String> matches(String[] template, String[] parts) {
        if (template.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                // a path segment: '+' is a plus, not a space as in a query
                params.put(t.substring(1, t.length() - 1),
                        QueryStringDecoder.decodeComponent(parts[i].replace("+", "%2B")));
            } else if (!t.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static Match miss(HttpResponseStatus status, String message) {
        return new Match(null, Map.of(), true, Response.error(status, message));
    }

    private static String[] split(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("template: " + template + " (expected: a path starting with /)");
        }
        return template.substring(1).split("/", -1);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
