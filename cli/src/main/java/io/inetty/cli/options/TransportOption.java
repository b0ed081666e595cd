package io.inetty.cli.options;

import io.inetty.server.IoTransport;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --transport auto|epoll|io_uring|nio} of {@code serve} (the server) and {@code bench} (the client). */
public final class TransportOption {
    @Option(names = "--transport", paramLabel = "auto|epoll|io_uring|nio", defaultValue = "auto") IoTransport transport;

    /** The transport asked for. */
    public IoTransport value() {
        return transport;
    }

    /**
     * With {@code auto} on Linux, when no native transport can load (typically a read-only or {@code noexec}
     * /tmp, where Netty unpacks its library): why, and how to fix it. Empty when there is nothing to say.
     */
    public Optional<String> fallbackWarning() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        if (transport != IoTransport.AUTO || !linux || IoTransport.AUTO.resolve() != IoTransport.NIO) {
            return Optional.empty();
        }
        return Optional.of("no native transport could load, so NIO serves (slower): epoll: "
                + reason(IoTransport.EPOLL.unavailabilityCause()) + ". Netty unpacks its native library into"
                + " io.netty.native.workdir (default: java.io.tmpdir) and loads it from there, which fails on a"
                + " read-only or noexec /tmp (e.g. Kubernetes readOnlyRootFilesystem). Fix: give the JVM"
                + " -Dio.netty.native.workdir=DIR for a writable, exec-capable DIR (./inetty: INETTY_JAVA_OPTS), or"
                + " mount an exec-capable tmpfs on /tmp (docker run --tmpfs /tmp:exec); --transport nio silences this.");
    }

    /** The message of a failure and of its root cause. */
    static String reason(Throwable cause) {
        if (cause == null) {
            return "unknown reason";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return cause.getMessage() + (root == cause ? "" : " (" + root + ")");
    }
}
