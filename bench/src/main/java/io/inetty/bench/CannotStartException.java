package io.inetty.cli.bench;

/** The run could not start: the target does not accept connections (exit status 3, as serve's start failures). */
final class CannotStartException extends Exception {
    CannotStartException(String message) {
        super(message);
    }
}
