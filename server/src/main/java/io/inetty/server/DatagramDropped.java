package io.inetty.server;

import static java.util.Objects.requireNonNull;

/**
 * A user event by which a stage before the guard (the {@link Stages.Slot#PROXY PROXY} slot of a UDP socket)
 * reports a datagram it dropped (e.g. a malformed PROXY header): fire it inbound in place of the datagram, and
 * the guard counts the datagram as received and dropped for {@code reason}, in the metrics and the access log.
 *
 * @param reason why the datagram got no answer
 * @param bytes  the datagram's payload size
 */
public record DatagramDropped(DropReason reason, int bytes) {
    /** Validates the event. */
    public DatagramDropped {
        requireNonNull(reason, "reason");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes: " + bytes + " (expected: >= 0)");
        }
    }
}
