package io.inetty.cli.options;

import io.inetty.server.Inetty;
import io.inetty.server.UdpPolicy;
import picocli.CommandLine.Option;

/** The UDP amplification guard of {@code serve}: {@code --udp-reply-budget}, {@code --udp-strict}. */
public final class UdpOptions implements ServeFeature {
    @Option(names = "--udp-reply-budget", paramLabel = "BYTES", defaultValue = "" + UdpPolicy.DEFAULT_REPLY_BUDGET)
    int replyBudget;
    @Option(names = "--udp-strict") boolean strict;

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        try {
            builder.udp(UdpPolicy.builder().replyBudget(replyBudget).strict(strict).build());
        } catch (IllegalArgumentException e) {
            throw sources.usage(e);
        }
    }
}
