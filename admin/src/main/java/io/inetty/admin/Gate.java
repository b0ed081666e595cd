package io.inetty.admin;

import io.inetty.admin.http.Request;
import io.inetty.admin.http.Response;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;

/**
 * Who may ask: with a token, every request but the health checks must carry {@code Authorization: Bearer <token>}
 * (401 otherwise); a browser ({@code User-Agent: Mozilla/...}, as Toxiproxy judges it) may only read (403 otherwise),
 * so that a web page cannot change the server through the visitor's loopback (no CORS header is ever sent either).
 */
final class Gate {
    private static final Set<String> OPEN = Set.of("/livez", "/readyz");

    private final AdminOptions options;

    Gate(AdminOptions options) {
        this.options = options;
    }

    /** The refusal of {@code request}, or null if it may go on. */
    Response check(Request request) {
        if (options.hasToken() && !OPEN.contains(request.path())
                && !options.authorizes(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            return Response.error(HttpResponseStatus.UNAUTHORIZED,
                    "unauthorized (expected: Authorization: Bearer <token>)")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"inetty\"");
        }
        String agent = request.headers().get(HttpHeaderNames.USER_AGENT);
        boolean reads = HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
        if (agent != null && agent.startsWith("Mozilla/") && !reads) {
            return Response.error(HttpResponseStatus.FORBIDDEN, "forbidden: a browser may only read this API");
        }
        return null;
    }
}
