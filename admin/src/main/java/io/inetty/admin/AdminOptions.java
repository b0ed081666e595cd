package io.inetty.admin;

import static java.util.Objects.requireNonNull;

import io.inetty.server.InettyException;
import io.inetty.server.InheritedSockets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the admin endpoint listens and whom it answers, immutable: address (default loopback {@code 127.0.0.1}, an
 * ephemeral port) or sockets passed by a service manager, an optional bearer token (required off loopback), the connection bound, the request timeout and
 * the version {@code /version} reports. Built by {@link #builder()}.
 */
public final class AdminOptions {
    /** Admin connections open at once; more are closed at accept. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    /** How long a connection may take to send a complete request (and take its response) before it is closed. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** The largest request body; more is a 413. */
    public static final int MAX_BODY = 64 * 1024;

    private final String host;
    private final List<InetAddress> addresses;
    private final int port;
    private final Token token;
    private final int maxConnections;
    private final Duration requestTimeout;
    private final String version;
    private final InheritedSockets sockets;

    private AdminOptions(Builder b, List<InetAddress> addresses, int port) {
        this.host = b.host;
        this.addresses = addresses;
        this.port = port;
        this.sockets = b.sockets;
        this.token = b.token;
        this.maxConnections = b.maxConnections;
        this.requestTimeout = b.requestTimeout;
        this.version = b.version;
    }

    /** A builder: 127.0.0.1, port 0, no token, 64 connections, 15 s per request. */
    public static Builder builder() {
        return new Builder();
    }

    /** The host as given. */
    public String host() {
        return host;
    }

    /** Every address the host resolved to (each is bound, on the same port). */
    public List<InetAddress> addresses() {
        return addresses;
    }

    /** The port asked for; 0 = ephemeral. */
    public int port() {
        return port;
    }

    /** The listening sockets another process passed (socket activation), served instead of binding; or null. */
    public InheritedSockets sockets() {
        return sockets;
    }

    /** Whether every address is a loopback address (then no token is required). */
    public boolean loopback() {
        return addresses.stream().allMatch(InetAddress::isLoopbackAddress);
    }

    /** Whether requests must carry {@code Authorization: Bearer <token>}. */
    public boolean hasToken() {
        return token != null;
    }

    int maxConnections() {
        return maxConnections;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    String version() {
        return version;
    }

    /** Whether an {@code Authorization} header carries the token (always, without a token). */
    boolean authorizes(String authorization) {
        return token == null || token.authorizes(authorization);
    }

    /** Collects {@link AdminOptions}; every value is checked when set. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Token token;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private String version = defaultVersion();
        private InheritedSockets sockets;

        private Builder() {
        }

        /**
         * Serves these listening sockets another process opened (socket activation) instead of binding an address;
         * the addresses and port are read from them.
         */
        public Builder sockets(InheritedSockets sockets) {
            this.sockets = requireNonNull(sockets, "sockets");
            return this;
        }

        /** Listens on {@code host} (a name or a literal; every address it resolves to) at {@code port} (0 = ephemeral). */
        public Builder address(String host, int port) {
            String h = requireNonNull(host, "host").strip();
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            if (h.isEmpty()) {
                throw new IllegalArgumentException("host: empty (expected: a host name or an IP literal)");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
            }
            this.host = h;
            this.port = port;
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>} on every request but the health checks. */
        public Builder token(String token) {
            this.token = Token.of(token);
            return this;
        }

        /** Reads the token from a file (at most 4 KiB; surrounding white space, e.g. the final newline, is dropped). */
        public Builder tokenFile(Path file) {
            this.token = Token.read(file);
            return this;
        }

        /** At most this many admin connections at once (default 64). */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections: " + max + " (expected: >= 1)");
            }
            this.maxConnections = max;
            return this;
        }

        /** How long a request may take to arrive, and its response to leave (default 15 s). */
        public Builder requestTimeout(Duration timeout) {
            if (requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("requestTimeout: " + timeout + " (expected: > 0)");
            }
            this.requestTimeout = timeout;
            return this;
        }

        /** What {@code GET /version} reports (default: the jar's version). */
        public Builder version(String version) {
            this.version = requireNonNull(version, "version");
            return this;
        }

        /** The options; resolves the host ({@link InettyException} if it does not resolve). */
        public AdminOptions build() {
            if (sockets != null) {
                List<InetSocketAddress> passed = sockets.fds().stream().map(InheritedSockets::addressOf).toList();
                return new AdminOptions(this, passed.stream().map(InetSocketAddress::getAddress).toList(),
                        passed.get(0).getPort());
            }
            try {
                return new AdminOptions(this, List.of(InetAddress.getAllByName(host)), port);
            } catch (UnknownHostException e) {
                throw new InettyException("admin: cannot resolve '" + host + "': no such host name", e);
            }
        }

        private static String defaultVersion() {
            String v = AdminOptions.class.getPackage().getImplementationVersion();
            return v != null ? v : "unknown";
        }
    }
}
