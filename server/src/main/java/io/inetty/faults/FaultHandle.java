package io.inetty.faults;

/** A fault added to a binding; {@link #close()} removes it (idempotent), e.g. at the end of a try-with-resources block. */
public final class FaultHandle implements AutoCloseable {
    private final ActiveFault active;

    FaultHandle(ActiveFault active) {
        this.active = active;
    }

    /** The fault as it is now (with the name it was added under). */
    public Fault fault() {
        return active.fault();
    }

    /** Its name in the binding. */
    public String name() {
        return active.name;
    }

    /** Whether it is still in force. */
    public boolean isActive() {
        return !active.removed();
    }

    /** Changes its settings (same type and stream); latency and rate changes reach open connections too. */
    public void update(Fault fault) {
        active.owner.update(active.name, fault);
    }

    /** Removes the fault: new connections and datagrams no longer get it, open connections stop applying it. */
    @Override
    public void close() {
        active.owner.remove(active);
    }

    @Override
    public String toString() {
        return active.owner + " " + active.fault();
    }
}
