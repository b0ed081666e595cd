package io.inetty.server;

/** A start-up failure a user can act on (name does not resolve, bind failed); the message says what and why. */
public class InettyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a complete, user-facing message. */
    public InettyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception with a complete, user-facing message. */
    public InettyException(String message) {
        super(message);
    }
}
