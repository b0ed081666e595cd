package io.inetty.admin;

import io.inetty.admin.http.Response;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/** The answer to a request Netty's codec could not decode: 414, 431 or 400, with a short, printable message. */
final class Failures {
    private Failures() {
    }

    static Response of(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return Response.error(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line too long (expected: at most "
                    + AdminInitializer.MAX_LINE + " bytes)");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return Response.error(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "request headers too large (expected: at most " + AdminInitializer.MAX_HEADERS + " bytes)");
        }
        String what = cause instanceof TooLongFrameException ? "too long" : printable(cause.getMessage());
        return Response.error(HttpResponseStatus.BAD_REQUEST, "bad request: not HTTP/1.1 (" + what + ")");
    }

    /** At most 80 characters of {@code s}, anything not printable ASCII as '?'. */
    private static String printable(String s) {
        if (s == null) {
            return "malformed";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= ' ' && c <= '~' ? c : '?');
        }
        return b.toString();
    }
}
