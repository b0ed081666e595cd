package io.inetty.cli.options;

import io.inetty.server.Inetty;
import io.inetty.server.Limits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The TCP resource limits of {@code serve}; all off by default. */
public final class LimitsOptions implements ServeFeature {
    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "0") int maxConnections;
    @Option(names = "--max-connections-per-ip", paramLabel = "N", defaultValue = "0") int maxConnectionsPerIp;
    @Option(names = "--max-accept-rate", paramLabel = "N", defaultValue = "0") int maxAcceptRate;
    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "0") Duration idleTimeout;
    @Option(names = "--max-session", paramLabel = "DURATION", defaultValue = "0") Duration maxSession;
    @Option(names = "--max-session-bytes", paramLabel = "BYTES", defaultValue = "0", converter = SizeConverter.class)
    long maxSessionBytes;

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        try {
            builder.limits(Limits.builder().maxConnections(maxConnections).maxConnectionsPerIp(maxConnectionsPerIp)
                    .maxAcceptRate(maxAcceptRate).idleTimeout(idleTimeout).maxSession(maxSession)
                    .maxSessionBytes(maxSessionBytes).build());
        } catch (IllegalArgumentException e) {
            throw sources.usage(e);
        }
    }
}
