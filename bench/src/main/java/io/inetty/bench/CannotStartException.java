package io.inetty.bench;

import io.inetty.server.InettyException;

/** The run could not start: the target does not accept connections (exit status 3, as serve's start failures). */
public final class CannotStartException extends InettyException {
    private static final long serialVersionUID = 1L;

    CannotStartException(String message) {
        super(message);
    }
}
