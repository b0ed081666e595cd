package io.inetty.faults;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Transport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The faults of one binding ({@code echo/tcp}), stacked in the order added: what one fault passes on, the next one
 * gets. Changes apply at once, without a restart: new connections and datagrams get the new set; open connections
 * keep the faults chosen when they opened, see latency and rate updates at once, and stop applying a removed fault.
 * Thread-safe. A TCP connection accepted while this set is empty gets no fault stage at all.
 */
public final class BindingFaults {
    private static final ActiveFault[] NONE = new ActiveFault[0];

    private final Faults faults;
    private final String service;
    private final Transport transport;
    private volatile ActiveFault[] active = NONE;

    BindingFaults(Faults faults, String service, Transport transport) {
        this.faults = faults;
        this.service = service;
        this.transport = transport;
    }

    /**
     * Adds {@code fault} on top of the others; throws {@code IllegalArgumentException} if its type does not exist
     * on this transport or its name is taken here.
     */
    public synchronized FaultHandle add(Fault fault) {
        requireNonNull(fault, "fault");
        if (!fault.transports().contains(transport)) {
            throw new IllegalArgumentException("type: " + fault.type() + " is not a " + transport.label() + " fault ("
                    + transport.label() + " faults: " + typesOf(transport) + ")");
        }
        if (find(fault.name()) != null) {
            throw new IllegalArgumentException("name: '" + fault.name() + "' is taken on " + this
                    + " (expected: another name, see Fault.withName)");
        }
        ActiveFault a = new ActiveFault(this, fault, faults.counter(service, transport, fault.type()));
        ActiveFault[] next = Arrays.copyOf(active, active.length + 1);
        next[next.length - 1] = a;
        active = next;
        return new FaultHandle(a);
    }

    /**
     * Changes the settings of the fault called {@code name} to those of {@code fault} (same type and stream; its name
     * stays); returns the fault now in force. {@code IllegalArgumentException} if there is no such fault.
     */
    public synchronized Fault update(String name, Fault fault) {
        requireNonNull(fault, "fault");
        ActiveFault a = find(requireNonNull(name, "name"));
        if (a == null) {
            throw new IllegalArgumentException("name: '" + name + "' is not a fault of " + this + " (faults: "
                    + list().stream().map(Fault::name).collect(Collectors.joining(", ")) + ")");
        }
        Fault old = a.fault();
        if (!old.type().equals(fault.type()) || old.stream() != fault.stream()) {
            throw new IllegalArgumentException("fault: " + fault.type() + "/" + fault.stream().label() + " cannot replace "
                    + old.type() + "/" + old.stream().label() + " (expected: the same type and stream; remove and add)");
        }
        Fault kept = fault.withName(a.name);
        a.update(kept);
        return kept;
    }

    /** Removes the fault called {@code name}; whether there was one. */
    public synchronized boolean remove(String name) {
        ActiveFault a = find(requireNonNull(name, "name"));
        if (a == null) {
            return false;
        }
        remove(a);
        return true;
    }

    synchronized void remove(ActiveFault a) {
        List<ActiveFault> rest = new ArrayList<>(Arrays.asList(active));
        if (rest.remove(a)) {
            a.remove();
            active = rest.toArray(NONE);
        }
    }

    /** Removes every fault of this binding. */
    public synchronized void clear() {
        for (ActiveFault a : active) {
            a.remove();
        }
        active = NONE;
    }

    /** The faults in force, in stacking order. */
    public List<Fault> list() {
        return Arrays.stream(active).map(ActiveFault::fault).toList();
    }

    /** The fault called {@code name}, if any. */
    public Optional<Fault> get(String name) {
        ActiveFault a = find(requireNonNull(name, "name"));
        return a == null ? Optional.empty() : Optional.of(a.fault());
    }

    /** Whether no fault is in force. */
    public boolean isEmpty() {
        return active.length == 0;
    }

    /** The service (or relay) name. */
    public String service() {
        return service;
    }

    /** The transport. */
    public Transport transport() {
        return transport;
    }

    /** The faults in force now: one volatile read. */
    ActiveFault[] active() {
        return active;
    }

    private ActiveFault find(String name) {
        for (ActiveFault a : active) {
            if (a.name.equals(name)) {
                return a;
            }
        }
        return null;
    }

    static String typesOf(Transport transport) {
        return Arrays.stream(FaultType.values()).filter(t -> t.transports.contains(transport)).map(t -> t.label)
                .collect(Collectors.joining(", "));
    }

    /** {@code echo/tcp}. */
    @Override
    public String toString() {
        return service + "/" + transport.label();
    }
}
