package io.inetty.admin.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An admin response: status, content type, body and extra headers (the writer adds the length and the rest).
 *
 * @param status      the status
 * @param contentType the body's type, null for no body
 * @param body        the body
 * @param headers     extra headers ({@code Allow}, {@code WWW-Authenticate})
 */
public record Response(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    /** The type of every JSON body. */
    public static final String JSON = "application/json";
    /** The type of plain-text bodies. */
    public static final String TEXT = "text/plain; charset=utf-8";

    /** Validates and copies. */
    public Response {
        requireNonNull(status, "status");
        requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    /** A JSON body. */
    public static Response json(HttpResponseStatus status, JsonNode body) {
        return new Response(status, JSON, Json.bytes(body), Map.of());
    }

    /** 200 with a JSON body. */
    public static Response ok(JsonNode body) {
        return json(HttpResponseStatus.OK, body);
    }

    /** A one-line text body (a newline is added). */
    public static Response text(HttpResponseStatus status, String line) {
        return new Response(status, TEXT, (line + "\n").getBytes(UTF_8), Map.of());
    }

    /** 204, no body. */
    public static Response noContent() {
        return new Response(HttpResponseStatus.NO_CONTENT, null, new byte[0], Map.of());
    }

    /** Toxiproxy's error body: {@code {"error": message, "status": code}}. */
    public static Response error(HttpResponseStatus status, String message) {
        return json(status, Json.object().put("error", message).put("status", status.code()));
    }

    /** This response with one more header. */
    public Response withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Response(status, contentType, body, more);
    }
}
