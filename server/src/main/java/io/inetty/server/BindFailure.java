package io.inetty.server;

import java.net.InetSocketAddress;
import java.util.Locale;

/** Turns a failed bind into a user-facing message naming service, transport, address, port, cause and a hint. */
final class BindFailure {
    private BindFailure() {
    }

    static boolean isAddressInUse(Throwable cause) {
        return message(cause).contains("address already in use");
    }

    static boolean isAddressNotAvailable(Throwable cause) {
        return message(cause).contains("cannot assign requested address");
    }

    static InettyException of(String service, Transport transport, InetSocketAddress address, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Native messages look like "bind(..) failed: Address already in use"; keep the errno text.
        int colon = reason.lastIndexOf(": ");
        if (reason.startsWith("bind(") && colon > 0) {
            reason = reason.substring(colon + 2);
        }
        String text = "cannot bind " + service + "/" + transport.label() + " to " + Endpoint.format(address) + ": " + reason;
        String lower = message(cause);
        if (isAddressInUse(cause)) {
            text += " (another process serves this port: stop it, or choose another port or a port offset)";
        } else if (lower.contains("permission denied") || lower.contains("access denied")) {
            text += address.getPort() < 1024
                    ? " (ports below 1024 need root or the CAP_NET_BIND_SERVICE capability: use a port offset,"
                            + " e.g. 10000, or grant the capability)"
                    : " (permission denied by the system)";
        } else if (isAddressNotAvailable(cause)) {
            text += " (this address is not configured on any interface of this host)";
        }
        return new InettyException(text, cause);
    }

    private static String message(Throwable cause) {
        String m = cause.getMessage();
        return m == null ? "" : m.toLowerCase(Locale.ROOT);
    }
}
