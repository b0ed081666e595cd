package io.inetty.cli.options;

import io.inetty.server.AccessPolicy;
import io.inetty.server.Inetty;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Who may talk to {@code serve}: {@code --allow} and {@code --deny} CIDR rules. */
public final class AccessOptions implements ServeFeature {
    @Option(names = "--allow", paramLabel = "CIDR", split = ",") List<String> allow = new ArrayList<>();
    @Option(names = "--deny", paramLabel = "CIDR", split = ",") List<String> deny = new ArrayList<>();

    @Override
    public void configure(Inetty.Builder builder, Sources sources) {
        check("--allow", allow, List.of(), sources);
        check("--deny", List.of(), deny, sources);
        builder.access(AccessPolicy.of(allow, deny));
    }

    private static void check(String option, List<String> allow, List<String> deny, Sources sources) {
        try {
            AccessPolicy.of(allow, deny);
        } catch (IllegalArgumentException e) {
            throw sources.usage(option, e);
        }
    }
}
