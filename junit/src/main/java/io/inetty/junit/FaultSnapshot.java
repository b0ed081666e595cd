package io.inetty.junit;

import io.inetty.faults.BindingFaults;
import io.inetty.faults.Fault;
import io.inetty.faults.Faults;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The faults of every binding at one moment, and how to put them back. */
final class FaultSnapshot {
    private final Faults faults;
    private final Map<BindingFaults, List<Fault>> before = new IdentityHashMap<>();

    private FaultSnapshot(Faults faults) {
        this.faults = faults;
        for (BindingFaults b : faults.withFaults()) {
            before.put(b, b.list());
        }
    }

    static FaultSnapshot of(Faults faults) {
        return new FaultSnapshot(faults);
    }

    /** Makes every binding's faults what they were (same faults, same order); a binding left unchanged is not touched. */
    void restore() {
        Set<BindingFaults> bindings = new LinkedHashSet<>(faults.withFaults());
        bindings.addAll(before.keySet());
        for (BindingFaults b : bindings) {
            List<Fault> wanted = before.getOrDefault(b, List.of());
            if (b.list().equals(wanted)) {
                continue;
            }
            b.clear();
            wanted.forEach(b::add);
        }
    }
}
