package io.inetty.cli.options;

import io.inetty.admin.AdminOptions;
import io.inetty.admin.AdminServer;
import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import io.inetty.server.InheritedSockets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The admin endpoint of {@code serve}: its options checked and built, then started beside the server. */
final class AdminLauncher {
    private static final Pattern ADDRESS = Pattern.compile("(\\[[^\\]]+\\]|[^:\\[\\]]+):([0-9]{1,5})");

    private final AdminOptions options;
    private AdminServer admin;

    private AdminLauncher(AdminOptions options) {
        this.options = options;
    }

    /** Checks {@code --admin} and {@code --admin-token-file}; usage errors name what the user typed. */
    static AdminLauncher configure(String address, Path tokenFile, Sources sources) {
        Matcher m = ADDRESS.matcher(address.strip());
        int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
        if (port < 0 || port > 65535) {
            throw sources.usage(sources.of("--admin") + ": '" + address + "' (expected: HOST:PORT, e.g. 127.0.0.1:9090"
                    + " or [::1]:9090; port 0 = ephemeral)");
        }
        AdminOptions.Builder b = AdminOptions.builder();
        try {
            b.address(m.group(1), port);
        } catch (IllegalArgumentException e) {
            throw sources.usage("--admin", e);
        }
        if (tokenFile != null) {
            try {
                b.tokenFile(tokenFile);
            } catch (IllegalArgumentException e) {
                throw sources.usage("--admin-token-file", e);
            }
        }
        AdminOptions options = b.build();
        if (!options.loopback() && !options.hasToken()) {
            throw sources.usage(sources.of("--admin") + ": '" + address + "' is not a loopback address (expected: "
                    + sources.of("--admin-token-file") + " FILE as well, or a loopback address such as 127.0.0.1:"
                    + port + ")");
        }
        return new AdminLauncher(options);
    }

    /** The endpoint on sockets a service manager passed; a non-loopback one needs {@code --admin-token-file}. */
    static AdminLauncher configure(InheritedSockets sockets, Path tokenFile, Sources sources) {
        AdminOptions.Builder b = AdminOptions.builder().sockets(sockets);
        if (tokenFile != null) {
            try {
                b.tokenFile(tokenFile);
            } catch (IllegalArgumentException e) {
                throw sources.usage("--admin-token-file", e);
            }
        }
        AdminOptions options;
        try {
            options = b.build();
        } catch (IllegalArgumentException e) {
            throw sources.usage("LISTEN_FDS: the admin socket: " + e.getMessage());
        }
        if (!options.loopback() && !options.hasToken()) {
            throw sources.usage("LISTEN_FDNAMES: 'admin' (" + sockets + ") listens on " + options.addresses()
                    .stream().map(a -> a.getHostAddress()).toList() + ", not only loopback (expected: "
                    + sources.of("--admin-token-file") + " FILE as well)");
        }
        return new AdminLauncher(options);
    }

    /** Starts the endpoint; the {@code listening admin http ADDR:PORT} lines. */
    List<String> start(InettyServer server) {
        admin = AdminServer.start(server, options);
        return admin.addresses().stream().map(a -> "listening admin http " + Endpoint.format(a)).toList();
    }

    /** {@code /readyz} answers 503 from now on. */
    void notReady() {
        if (admin != null) {
            admin.ready(false);
        }
    }

    /** After the server's drain: closes the endpoint. */
    void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
