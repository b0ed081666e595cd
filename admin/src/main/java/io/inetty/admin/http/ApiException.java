package io.inetty.admin.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the admin API refuses: its status (4xx, or 5xx for the server's own state) and a one-line message. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;

    /** A refusal with {@code status} and {@code message}. */
    public ApiException(HttpResponseStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** 400: the request is malformed or a value is not allowed. */
    public static ApiException badRequest(String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, message);
    }

    /** 404: no such thing. */
    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, message);
    }

    /** 409: the name (or address) is taken. */
    public static ApiException conflict(String message) {
        return new ApiException(HttpResponseStatus.CONFLICT, message);
    }

    /** The status to answer with. */
    public HttpResponseStatus status() {
        return status;
    }

    /** This refusal as a response. */
    public Response response() {
        return Response.error(status, getMessage());
    }
}
