package io.inetty.faults;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parameters of the faults, by their Toxiproxy and netem attribute names, each with its kind: how it is
 * written, checked and stored (durations in nanoseconds, sizes in bytes, probabilities as doubles).
 */
enum Attr {
    LATENCY("latency", Kind.DURATION),
    JITTER("jitter", Kind.DURATION),
    DELAY("delay", Kind.DURATION),
    TIMEOUT("timeout", Kind.DURATION),
    RATE("rate", Kind.COUNT),
    AVERAGE_SIZE("average_size", Kind.SIZE),
    SIZE_VARIATION("size_variation", Kind.SIZE),
    BYTES("bytes", Kind.SIZE),
    SIZE("size", Kind.SIZE),
    PROBABILITY("probability", Kind.PROBABILITY),
    CORRELATION("correlation", Kind.PROBABILITY),
    GAP("gap", Kind.COUNT),
    BITS("bits", Kind.COUNT),
    PPS("pps", Kind.COUNT);

    /** How a value is written and stored. */
    enum Kind { DURATION, SIZE, COUNT, PROBABILITY }

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
    private static final Pattern SIZE_TEXT = Pattern.compile("([0-9]+)([kmg]i?b?|b)?");
    private static final Map<String, Attr> BY_KEY = Arrays.stream(values()).collect(Collectors.toMap(a -> a.key, a -> a));

    final String key;
    final Kind kind;

    Attr(String key, Kind kind) {
        this.key = key;
        this.kind = kind;
    }

    /** The attribute called {@code key}, or null. */
    static Attr byKey(String key) {
        return BY_KEY.get(key);
    }

    /**
     * Parses one value: a {@link Number} is in Toxiproxy's unit ({@code unitNanos} for durations), text must carry
     * its unit ({@code 200ms}, {@code 2s}, {@code 64k}, {@code 30%}). Durations and counts come back as a
     * {@code Long} (nanoseconds for durations), probabilities as a {@code Double}.
     */
    Object parse(Object value, long unitNanos) {
        if (value instanceof Number) {
            Number n = (Number) value;
            if (kind == Kind.PROBABILITY) {
                return n.doubleValue();
            }
            if (kind == Kind.DURATION) {
                return Math.multiplyExact(whole(n), unitNanos);
            }
            return whole(n);
        }
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        switch (kind) {
            case DURATION:
                return duration(text);
            case SIZE:
                return size(text);
            case PROBABILITY:
                return probability(text);
            default:
                return count(text);
        }
    }

    private long whole(Number n) {
        double d = n.doubleValue();
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw bad(n, "a whole number");
        }
        return n.longValue();
    }

    private long duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw bad(text, "a duration with its unit, e.g. 200ms, 2s, 500us");
        }
        long unit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
        } catch (ArithmeticException e) {
            throw bad(text, "a whole number of nanoseconds below 2^63");
        }
    }

    private long size(String text) {
        Matcher m = SIZE_TEXT.matcher(text);
        if (!m.matches()) {
            throw bad(text, "a byte count like 512, 64k or 1m");
        }
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        int shift = unit.equals("k") ? 10 : unit.equals("m") ? 20 : unit.equals("g") ? 30 : 0;
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(text, "a byte count below 2^63");
        }
    }

    private long count(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(text, "a whole number");
        }
    }

    private double probability(String text) {
        try {
            return text.endsWith("%") ? Double.parseDouble(text.substring(0, text.length() - 1).strip()) / 100
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(text, "a probability from 0 to 1, e.g. 0.3 or 30%");
        }
    }

    IllegalArgumentException bad(Object value, String expected) {
        return new IllegalArgumentException(key + ": '" + value + "' (expected: " + expected + ")");
    }
}
