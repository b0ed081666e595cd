package io.inetty.cli.check;

import io.inetty.cli.check.Probe.Failure;

/** How {@code inetty check} speaks one service as a client; each conversation returns the detail of the OK line. */
public interface ServiceCheck {
    /** Checks the service over TCP against the probe's peer. */
    String tcp(Probe probe) throws Failure;

    /** Checks the service over UDP against the probe's peer. */
    String udp(Probe probe) throws Failure;
}
