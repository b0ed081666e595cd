package io.inetty.cli.options;

import io.inetty.server.Ports;
import io.inetty.server.Service;
import picocli.CommandLine.Option;

/** {@code --port-offset N} of {@code serve}, {@code check} and {@code bench}: all three read {@code INETTY_PORT_OFFSET}. */
public final class PortOffsetOption {
    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "0") int portOffset;

    /** {@code service}'s default port plus the offset; a usage error names the offset if the port leaves 0-65535. */
    public int portOf(Service service, Sources sources) {
        String source = sources.of("--port-offset");
        if (portOffset < 0 || portOffset > Ports.MAX) {
            throw sources.usage(source + ": " + portOffset + " (expected: 0-" + Ports.MAX + ")");
        }
        int port = service.defaultPort() + portOffset;
        if (port > Ports.MAX) {
            throw sources.usage(source + ": " + portOffset + " would put " + service.name() + " on port " + port
                    + " (expected: ports of 0-" + Ports.MAX + ")");
        }
        return port;
    }
}
