package io.inetty.faults;

import io.inetty.server.Transport;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fault types: TCP ones with Toxiproxy's names and attributes, UDP ones with netem's; {@code latency} serves
 * both. Each knows its attributes, which of them must be given, and their defaults (Toxiproxy's zero values).
 */
enum FaultType {
    LATENCY("latency", EnumSet.allOf(Transport.class), List.of(Attr.LATENCY, Attr.JITTER), Set.of()),
    BANDWIDTH("bandwidth", EnumSet.of(Transport.TCP), List.of(Attr.RATE), Set.of()),
    SLOW_CLOSE("slow_close", EnumSet.of(Transport.TCP), List.of(Attr.DELAY), Set.of()),
    TIMEOUT("timeout", EnumSet.of(Transport.TCP), List.of(Attr.TIMEOUT), Set.of()),
    RESET_PEER("reset_peer", EnumSet.of(Transport.TCP), List.of(Attr.TIMEOUT), Set.of()),
    SLICER("slicer", EnumSet.of(Transport.TCP), List.of(Attr.AVERAGE_SIZE, Attr.SIZE_VARIATION, Attr.DELAY), Set.of(Attr.AVERAGE_SIZE)),
    LIMIT_DATA("limit_data", EnumSet.of(Transport.TCP), List.of(Attr.BYTES), Set.of()),
    LOSS("loss", EnumSet.of(Transport.UDP), List.of(Attr.PROBABILITY, Attr.CORRELATION), Set.of(Attr.PROBABILITY)),
    DUPLICATE("duplicate", EnumSet.of(Transport.UDP), List.of(Attr.PROBABILITY), Set.of(Attr.PROBABILITY)),
    REORDER("reorder", EnumSet.of(Transport.UDP), List.of(Attr.PROBABILITY, Attr.GAP), Set.of(Attr.PROBABILITY)),
    CORRUPT("corrupt", EnumSet.of(Transport.UDP), List.of(Attr.PROBABILITY, Attr.BITS), Set.of(Attr.PROBABILITY)),
    TRUNCATE("truncate", EnumSet.of(Transport.UDP), List.of(Attr.SIZE), Set.of(Attr.SIZE)),
    RATE("rate", EnumSet.of(Transport.UDP), List.of(Attr.RATE, Attr.PPS), Set.of());

    static final long MILLIS = 1_000_000L;
    static final long MICROS = 1_000L;
    private static final Map<String, FaultType> BY_LABEL = Arrays.stream(values()).collect(Collectors.toMap(t -> t.label, t -> t));

    final String label;
    final Set<Transport> transports;
    final List<Attr> attrs;
    final Set<Attr> required;

    FaultType(String label, Set<Transport> transports, List<Attr> attrs, Set<Attr> required) {
        this.label = label;
        this.transports = transports;
        this.attrs = attrs;
        this.required = required;
    }

    /** The type called {@code label}; {@code IllegalArgumentException} listing every type otherwise. */
    static FaultType of(String label) {
        FaultType t = BY_LABEL.get(label);
        if (t == null) {
            throw new IllegalArgumentException("type: '" + label + "' (expected: one of " + labels() + ")");
        }
        return t;
    }

    static String labels() {
        return List.of(values()).stream().map(t -> t.label).collect(Collectors.joining(", "));
    }

    /** Toxiproxy's unit of a number given for a duration: microseconds for the slicer's delay, else milliseconds. */
    long unitNanos(Attr a) {
        return this == SLICER && a == Attr.DELAY ? MICROS : MILLIS;
    }

    /** The default of an attribute not given: gap and bits 1, everything else Toxiproxy's zero. */
    Object defaultValue(Attr a) {
        if (a == Attr.GAP || a == Attr.BITS) {
            return 1L;
        }
        return a.kind == Attr.Kind.PROBABILITY ? (Object) 0.0 : (Object) 0L;
    }

    /** Checks every value of a complete set of attributes; throws naming the parameter and what is allowed. */
    void validate(Map<Attr, Object> values) {
        for (Map.Entry<Attr, Object> e : values.entrySet()) {
            check(e.getKey(), e.getValue());
        }
        if (this == SLICER && (long) values.get(Attr.SIZE_VARIATION) >= (long) values.get(Attr.AVERAGE_SIZE)) {
            throw Attr.SIZE_VARIATION.bad(values.get(Attr.SIZE_VARIATION), "less than average_size " + values.get(Attr.AVERAGE_SIZE));
        }
        if (this == RATE && ((long) values.get(Attr.RATE) > 0) == ((long) values.get(Attr.PPS) > 0)) {
            throw Attr.RATE.bad(values.get(Attr.RATE) + "/pps " + values.get(Attr.PPS), "either rate (KB/s) or pps, one of them > 0");
        }
    }

    private void check(Attr a, Object v) {
        if (a.kind == Attr.Kind.PROBABILITY) {
            double p = (double) v;
            if (!(p >= 0 && p <= 1)) {
                throw a.bad(v, "a probability from 0 to 1");
            }
            return;
        }
        long n = (long) v;
        long min = a == Attr.AVERAGE_SIZE || a == Attr.GAP || a == Attr.BITS ? 1 : 0;
        long max = a.kind == Attr.Kind.DURATION || a == Attr.BYTES || a == Attr.RATE ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (n < min || n > max) {
            String what = a.kind == Attr.Kind.DURATION ? "a duration >= 0" : "a whole number from " + min + " to " + max;
            throw a.bad(a.kind == Attr.Kind.DURATION ? java.time.Duration.ofNanos(n) : v, what);
        }
    }
}
