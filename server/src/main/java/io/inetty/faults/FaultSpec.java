package io.inetty.faults;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one parser of fault types and keys, shared by the command line ({@code latency,latency=200ms,jitter=20ms})
 * and the admin API (Toxiproxy's JSON attributes): type names, attribute keys, the common keys (stream, toxicity,
 * name, from, first, every, seed), units, and the text form of a fault.
 */
final class FaultSpec {
    static final List<String> COMMON = List.of("stream", "toxicity", "name", "from", "first", "every", "seed");

    private FaultSpec() {
    }

    static Fault parse(String spec) {
        requireNonNull(spec, "spec");
        String[] parts = spec.split(",", -1);
        if (parts[0].isBlank()) {
            throw new IllegalArgumentException("type: missing (expected: TYPE[,KEY=VALUE]..., TYPE one of "
                    + FaultType.labels() + ")");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + part + "' (expected: KEY=VALUE, e.g. latency=200ms)");
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (pairs.put(key, part.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(key + ": given twice (expected: each key once)");
            }
        }
        return of(parts[0], pairs);
    }

    static Fault of(String typeName, Map<String, ?> attributes) {
        requireNonNull(typeName, "type");
        requireNonNull(attributes, "attributes");
        FaultType type = FaultType.of(typeName.strip().toLowerCase(Locale.ROOT));
        Fault f = Fault.defaults(type);
        Map<Attr, Object> set = new EnumMap<>(Attr.class);
        for (Map.Entry<String, ?> e : attributes.entrySet()) {
            String key = e.getKey().strip().toLowerCase(Locale.ROOT);
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            switch (key) {
                case "stream" -> f = f.withStream(Stream.of(String.valueOf(v)));
                case "toxicity" -> f = f.withToxicity(probability("toxicity", v));
                case "name" -> f = f.withName(String.valueOf(v));
                case "from" -> f = f.withFrom(String.valueOf(v));
                case "first" -> f = f.withFirst(whole("first", v));
                case "every" -> f = f.withEvery(whole("every", v));
                case "seed" -> f = f.withSeed(whole("seed", v));
                default -> {
                    Attr a = Attr.byKey(key);
                    if (a == null || !type.attrs.contains(a)) {
                        throw new IllegalArgumentException("key: '" + e.getKey() + "' (expected for " + type.label
                                + ": " + keys(type) + ")");
                    }
                    set.put(a, a.parse(v, type.unitNanos(a)));
                }
            }
        }
        requireAttributes(type, set);
        return set.isEmpty() ? f : f.with(set);
    }

    private static void requireAttributes(FaultType type, Map<Attr, Object> set) {
        if (type == FaultType.RATE) {
            if (!set.containsKey(Attr.RATE) && !set.containsKey(Attr.PPS)) {
                throw new IllegalArgumentException("rate: missing (expected: rate in KB/s or pps, e.g. rate=64 or pps=100)");
            }
            set.putIfAbsent(Attr.RATE, 0L);
            set.putIfAbsent(Attr.PPS, 0L);
        }
        for (Attr a : type.required) {
            if (!set.containsKey(a)) {
                throw new IllegalArgumentException(a.key + ": missing (expected for " + type.label + ": " + keys(type) + ")");
            }
        }
    }

    /** The keys {@code type} accepts. */
    static String keys(FaultType type) {
        return type.attrs.stream().map(a -> a.key).collect(Collectors.joining(", ")) + ", " + String.join(", ", COMMON);
    }

    private static double probability(String key, Object v) {
        try {
            return (double) Attr.PROBABILITY.parse(v, 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' (expected: a probability from 0 to 1, e.g. 0.5)");
        }
    }

    private static long whole(String key, Object v) {
        try {
            return (long) Attr.GAP.parse(v, 1);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(key + ": '" + v + "' (expected: a whole number)");
        }
    }

    /** The text {@link #parse} reads back: every attribute with its unit, then the common keys that are set. */
    static String format(Fault f) {
        StringBuilder b = new StringBuilder(f.type());
        for (Map.Entry<Attr, Object> e : f.values().entrySet()) {
            Attr a = e.getKey();
            Object v = e.getValue();
            b.append(',').append(a.key).append('=').append(a.kind == Attr.Kind.DURATION ? duration((long) v) : v);
        }
        b.append(",stream=").append(f.stream().label());
        if (f.toxicity() != 1.0) {
            b.append(",toxicity=").append(f.toxicity());
        }
        if (!f.name().equals(f.type() + "_" + f.stream().label())) {
            b.append(",name=").append(f.name());
        }
        if (f.from() != null) {
            b.append(",from=").append(f.from());
        }
        if (f.first() > 0) {
            b.append(",first=").append(f.first());
        }
        if (f.every() > 0) {
            b.append(",every=").append(f.every());
        }
        f.seed().ifPresent(s -> b.append(",seed=").append(s));
        return b.toString();
    }

    static String duration(long nanos) {
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        return nanos % 1_000 == 0 ? nanos / 1_000 + "us" : nanos + "ns";
    }
}
