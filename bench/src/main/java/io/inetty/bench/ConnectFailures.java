package io.inetty.bench;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import java.net.ConnectException;
import java.util.Locale;

/** Why a connect failed, as one plain phrase ({@code connection refused}), not the transport's internals. */
final class ConnectFailures {
    // Linux errno values (asm-generic/errno.h); the native transports report -errno.
    private static final int ENETUNREACH = 101;
    private static final int ETIMEDOUT = 110;
    private static final int ECONNREFUSED = 111;
    private static final int EHOSTUNREACH = 113;

    private ConnectFailures() {
    }

    /** {@code connection refused}, {@code no route to host}, {@code timed out}, or the system's own words. */
    static String describe(Throwable cause) {
        if (cause == null || cause instanceof ConnectTimeoutException) {
            return "no connection within " + BenchConfig.CONNECT_TIMEOUT_MILLIS / 1000 + " s";
        }
        if (cause instanceof Errors.NativeIoException) {
            switch (-((Errors.NativeIoException) cause).expectedErr()) {
                case ECONNREFUSED:
                    return "connection refused";
                case EHOSTUNREACH:
                    return "no route to host";
                case ENETUNREACH:
                    return "network unreachable";
                case ETIMEDOUT:
                    return "timed out";
                default:
                    break;
            }
        }
        String message = String.valueOf(cause.getMessage());
        // Native: "finishConnect(..) failed with error(-111): Connection refused"; NIO: "Connection refused: /1.2.3.4:7"
        int errno = message.lastIndexOf("): ");
        if (errno >= 0) {
            message = message.substring(errno + 3);
        }
        int address = cause instanceof ConnectException ? message.indexOf(": ") : -1;
        if (address >= 0) {
            message = message.substring(0, address);
        }
        return message.isEmpty() ? cause.getClass().getSimpleName()
                : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
