package io.inetty.cli.options;

import io.inetty.protocols.ProtocolOptions;
import picocli.CommandLine.Option;

/** {@code --instance-id ID} (or {@code INETTY_INSTANCE_ID}): the instance whoami names; default HOST-PID. */
public final class InstanceIdOption {
    @Option(names = "--instance-id", paramLabel = "ID") String instanceId;

    /** {@code options} with the instance id, if one was given; a blank one is a usage error. */
    ProtocolOptions apply(ProtocolOptions options, Sources sources) {
        if (instanceId == null) {
            return options;
        }
        try {
            return options.withInstance(instanceId);
        } catch (IllegalArgumentException e) {
            throw sources.usage("--instance-id", e);
        }
    }
}
