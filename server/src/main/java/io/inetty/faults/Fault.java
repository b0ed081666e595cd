package io.inetty.faults;

import static java.util.Objects.requireNonNull;

import io.inetty.server.IpNetwork;
import io.inetty.server.Transport;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One fault, immutable: a type with its parameters (Toxiproxy's names for TCP, netem's for UDP), the {@link Stream}
 * it acts on, its toxicity, and its targeting ({@code from}, {@code first}, {@code every}, {@code seed}). Built by
 * the factory named after its type and {@code with...} methods, or from text by {@link #parse(String)} and
 * {@link #of(String, Map)}; every value is checked at once ({@code IllegalArgumentException} naming the parameter).
 *
 * <pre>{@code Fault.latency(Duration.ofMillis(200)).withJitter(Duration.ofMillis(20)).withStream(Stream.UPSTREAM)}</pre>
 */
public final class Fault {
    private final Parts p;

    /** Checks {@code p}, which nothing changes afterwards. */
    private Fault(Parts p) {
        p.type.validate(p.values);
        if (!(p.toxicity >= 0 && p.toxicity <= 1)) {
            throw new IllegalArgumentException("toxicity: '" + p.toxicity + "' (expected: a probability from 0 to 1)");
        }
        if (p.name != null && p.name.isBlank()) {
            throw new IllegalArgumentException("name: '" + p.name + "' (expected: a name that is not blank)");
        }
        if (p.first < 0 || p.every < 0) {
            throw new IllegalArgumentException((p.first < 0 ? "first: " + p.first : "every: " + p.every)
                    + " (expected: a count >= 0; 0 = no restriction)");
        }
        this.p = p;
    }

    /** A fault of {@code type} with every attribute at its default (before the required ones are checked). */
    static Fault defaults(FaultType type) {
        Parts p = new Parts(type);
        type.attrs.forEach(a -> p.values.put(a, type.defaultValue(a)));
        // Placeholders that pass the checks; the factories and FaultSpec set the real values at once.
        if (type == FaultType.SLICER) {
            p.values.put(Attr.AVERAGE_SIZE, 1L);
        }
        if (type == FaultType.RATE) {
            p.values.put(Attr.PPS, 1L);
        }
        return new Fault(p);
    }

    // TCP (Toxiproxy) and shared

    /** {@code latency} (TCP and UDP): delays every chunk or datagram by {@code latency} (± {@link #withJitter}). */
    public static Fault latency(Duration latency) {
        return defaults(FaultType.LATENCY).withLatency(latency);
    }

    /** {@code bandwidth} (TCP): at most {@code rateKBps} KB/s (1 KB = 1000 bytes, as Toxiproxy); 0 = no limit. */
    public static Fault bandwidth(long rateKBps) {
        return defaults(FaultType.BANDWIDTH).withRate(rateKBps);
    }

    /** {@code slow_close} (TCP): the end of the stream (FIN or close) is passed on {@code delay} late. */
    public static Fault slowClose(Duration delay) {
        return defaults(FaultType.SLOW_CLOSE).withDelay(delay);
    }

    /** {@code timeout} (TCP): drops all data, closes after {@code timeout} (0 = holds the connection forever). */
    public static Fault timeout(Duration timeout) {
        return defaults(FaultType.TIMEOUT).withTimeout(timeout);
    }

    /** {@code reset_peer} (TCP): the first data of the stream is dropped and {@code timeout} later the client gets a reset. */
    public static Fault resetPeer(Duration timeout) {
        return defaults(FaultType.RESET_PEER).withTimeout(timeout);
    }

    /** {@code slicer} (TCP): cuts data into writes of about {@code averageSize} ± {@code sizeVariation} bytes, {@code delay} apart. */
    public static Fault slicer(int averageSize, int sizeVariation, Duration delay) {
        return defaults(FaultType.SLICER).with(Attr.AVERAGE_SIZE, (long) averageSize)
                .withSizeVariation(sizeVariation).withDelay(delay);
    }

    /** {@code limit_data} (TCP): passes exactly {@code bytes} bytes of the stream, then closes the connection. */
    public static Fault limitData(long bytes) {
        return defaults(FaultType.LIMIT_DATA).withBytes(bytes);
    }

    // UDP (netem)

    /** {@code loss} (UDP): drops each datagram with {@code probability} (see {@link #withCorrelation}). */
    public static Fault loss(double probability) {
        return defaults(FaultType.LOSS).withProbability(probability);
    }

    /** {@code duplicate} (UDP): sends each datagram twice with {@code probability}. */
    public static Fault duplicate(double probability) {
        return defaults(FaultType.DUPLICATE).withProbability(probability);
    }

    /** {@code reorder} (UDP): holds a datagram back, with {@code probability}, until {@code gap} later ones have passed. */
    public static Fault reorder(double probability, int gap) {
        return defaults(FaultType.REORDER).withProbability(probability).withGap(gap);
    }

    /** {@code corrupt} (UDP): flips {@code bits} random bits of a datagram with {@code probability}. */
    public static Fault corrupt(double probability, int bits) {
        return defaults(FaultType.CORRUPT).withProbability(probability).withBits(bits);
    }

    /** {@code truncate} (UDP): keeps only the first {@code size} bytes of each datagram. */
    public static Fault truncate(int size) {
        return defaults(FaultType.TRUNCATE).withSize(size);
    }

    /** {@code rate} (UDP): at most {@code rateKBps} KB/s of payload (1 KB = 1000 bytes); excess waits, up to 1000 datagrams. */
    public static Fault rate(long rateKBps) {
        return defaults(FaultType.RATE).withRate(rateKBps);
    }

    /** {@code rate} (UDP) in datagrams a second. */
    public static Fault ratePps(int pps) {
        return defaults(FaultType.RATE).withPps(pps);
    }

    /**
     * A fault from its type name and a map of Toxiproxy attribute names ({@code latency}, {@code jitter},
     * {@code rate}, {@code delay}, {@code timeout}, {@code average_size}, {@code size_variation}, {@code bytes},
     * {@code probability}, {@code correlation}, {@code gap}, {@code bits}, {@code size}, {@code pps}) and the common keys
     * ({@code stream}, {@code toxicity}, {@code name}, {@code from}, {@code first}, {@code every}, {@code seed}), as
     * the admin API's JSON gives them: a number is in Toxiproxy's unit (milliseconds; microseconds for the slicer's
     * {@code delay}; KB/s), text carries its unit ({@code 200ms}, {@code 64k}, {@code 30%}); null values are skipped.
     */
    public static Fault of(String type, Map<String, ?> attributes) {
        return FaultSpec.of(type, attributes);
    }

    /**
     * A fault from the command line's {@code TYPE[,KEY=VALUE]...}, e.g. {@code latency,latency=200ms,jitter=20ms}
     * (the keys of {@link #of}; durations need their unit); {@link #toString()} gives this form back.
     */
    public static Fault parse(String spec) {
        return FaultSpec.parse(spec);
    }

    // parameters

    /** With another latency. */
    public Fault withLatency(Duration latency) {
        return with(Attr.LATENCY, nanos(Attr.LATENCY, latency));
    }

    /** With a jitter: each delay is uniform in latency ± jitter (never below 0). */
    public Fault withJitter(Duration jitter) {
        return with(Attr.JITTER, nanos(Attr.JITTER, jitter));
    }

    /** With another rate in KB/s ({@code bandwidth}, {@code rate}). */
    public Fault withRate(long rateKBps) {
        return p.type == FaultType.RATE ? with(Map.of(Attr.RATE, rateKBps, Attr.PPS, 0L)) : with(Attr.RATE, rateKBps);
    }

    /** With a rate in datagrams a second instead ({@code rate}). */
    public Fault withPps(int pps) {
        return with(Map.of(Attr.PPS, (long) pps, Attr.RATE, 0L));
    }

    /** With another delay ({@code slow_close}, {@code slicer}). */
    public Fault withDelay(Duration delay) {
        return with(Attr.DELAY, nanos(Attr.DELAY, delay));
    }

    /** With another timeout ({@code timeout}, {@code reset_peer}). */
    public Fault withTimeout(Duration timeout) {
        return with(Attr.TIMEOUT, nanos(Attr.TIMEOUT, timeout));
    }

    /** With another average slice size ({@code slicer}). */
    public Fault withAverageSize(int averageSize) {
        return with(Attr.AVERAGE_SIZE, (long) averageSize);
    }

    /** With another size variation, below the average size ({@code slicer}). */
    public Fault withSizeVariation(int sizeVariation) {
        return with(Attr.SIZE_VARIATION, (long) sizeVariation);
    }

    /** With another byte count ({@code limit_data}). */
    public Fault withBytes(long bytes) {
        return with(Attr.BYTES, bytes);
    }

    /** With another size in bytes kept ({@code truncate}). */
    public Fault withSize(int size) {
        return with(Attr.SIZE, (long) size);
    }

    /** With another probability from 0 to 1 ({@code loss}, {@code duplicate}, {@code reorder}, {@code corrupt}). */
    public Fault withProbability(double probability) {
        return with(Attr.PROBABILITY, probability);
    }

    /**
     * With a correlation from 0 to 1 ({@code loss}): the chance a datagram shares the previous one's fate grows with
     * it, while the average loss stays at the probability (a two-state Markov chain with lag-1 correlation).
     */
    public Fault withCorrelation(double correlation) {
        return with(Attr.CORRELATION, correlation);
    }

    /** With another gap: how many later datagrams pass a held one ({@code reorder}). */
    public Fault withGap(int gap) {
        return with(Attr.GAP, (long) gap);
    }

    /** With another number of bits flipped per corrupted datagram ({@code corrupt}). */
    public Fault withBits(int bits) {
        return with(Attr.BITS, (long) bits);
    }

    // common

    /** With another stream (default {@link Stream#DOWNSTREAM}). */
    public Fault withStream(Stream stream) {
        requireNonNull(stream, "stream");
        return change(c -> c.stream = stream);
    }

    /** With a toxicity: the probability that a TCP connection, or a UDP datagram, gets the fault (default 1). */
    public Fault withToxicity(double toxicity) {
        return change(c -> c.toxicity = toxicity);
    }

    /** With a name (default {@code <type>_<stream>}, as Toxiproxy names toxics). */
    public Fault withName(String name) {
        requireNonNull(name, "name");
        return change(c -> c.name = name);
    }

    /** Only for clients in {@code cidr} ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, one address), by their real address. */
    public Fault withFrom(String cidr) {
        IpNetwork from = network(cidr);
        return change(c -> c.from = from);
    }

    /** Only for the first {@code n} connections or datagrams (that match {@code from}); 0 = no restriction. */
    public Fault withFirst(long n) {
        return change(c -> c.first = n);
    }

    /** Only for every {@code n}th connection or datagram (the nth, 2nth, ...; that match {@code from}); 0 = each. */
    public Fault withEvery(long n) {
        return change(c -> c.every = n);
    }

    /** With a seed: the same seed and the same sequence of connections or datagrams give the same outcome. */
    public Fault withSeed(long seed) {
        return change(c -> c.seed = seed);
    }

    Fault with(Attr a, Object value) {
        return with(Map.of(a, value));
    }

    /** With several attributes changed at once (checked together). */
    Fault with(Map<Attr, Object> changes) {
        for (Attr a : changes.keySet()) {
            if (!p.type.attrs.contains(a)) {
                throw new IllegalArgumentException(a.key + ": not a parameter of " + p.type.label + " (parameters: "
                        + String.join(", ", p.type.attrs.stream().map(x -> x.key).toList()) + ")");
            }
        }
        return change(c -> c.values.putAll(changes));
    }

    /** A new fault: this one's parts, copied, with {@code edit} made to them. */
    private Fault change(Consumer<Parts> edit) {
        Parts copy = new Parts(p);
        edit.accept(copy);
        return new Fault(copy);
    }

    /** {@code cidr} as a network; {@code IllegalArgumentException} naming {@code from} and what is allowed otherwise. */
    private static IpNetwork network(String cidr) {
        try {
            return IpNetwork.parse(requireNonNull(cidr, "cidr"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("from: '" + cidr
                    + "' (expected: an IPv4 or IPv6 address or network, e.g. 192.0.2.0/24 or 2001:db8::/32)", e);
        }
    }

    private static long nanos(Attr a, Duration d) {
        requireNonNull(d, a.key);
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            throw a.bad(d, "a duration below 292 years");
        }
    }

    // reading back

    /** The type's name: {@code latency}, {@code bandwidth}, {@code slow_close}, ..., {@code rate}. */
    public String type() {
        return p.type.label;
    }

    /** The transports this type exists on. */
    public Set<Transport> transports() {
        return p.type.transports;
    }

    /** The stream it acts on. */
    public Stream stream() {
        return p.stream;
    }

    /** The probability that a connection (TCP) or datagram (UDP) gets it. */
    public double toxicity() {
        return p.toxicity;
    }

    /** Its name: the one given, else {@code <type>_<stream>} ({@code latency_downstream}). */
    public String name() {
        return p.name != null ? p.name : p.type.label + "_" + p.stream.label();
    }

    /** The client network it is restricted to, or null. */
    public String from() {
        return p.from == null ? null : p.from.toString();
    }

    /** Only the first this many connections or datagrams; 0 = no restriction. */
    public long first() {
        return p.first;
    }

    /** Only every this many; 0 = each. */
    public long every() {
        return p.every;
    }

    /** The seed, if one was given (otherwise each added fault draws its own). */
    public OptionalLong seed() {
        return p.seed == null ? OptionalLong.empty() : OptionalLong.of(p.seed);
    }

    /**
     * Its attributes by Toxiproxy's names and in Toxiproxy's units (durations in milliseconds, the slicer's delay
     * in microseconds, as {@code Long}; sizes and counts as {@code Long}; probabilities as {@code Double}).
     */
    public Map<String, Object> attributes() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Attr a : p.type.attrs) {
            Object v = p.values.get(a);
            out.put(a.key, a.kind == Attr.Kind.DURATION ? (long) v / p.type.unitNanos(a) : v);
        }
        return Collections.unmodifiableMap(out);
    }

    FaultType kind() {
        return p.type;
    }

    long nanos(Attr a) {
        return (long) p.values.get(a);
    }

    long count(Attr a) {
        return (long) p.values.get(a);
    }

    double probability(Attr a) {
        return (double) p.values.get(a);
    }

    IpNetwork cidr() {
        return p.from;
    }

    Long seedOrNull() {
        return p.seed;
    }

    Map<Attr, Object> values() {
        return Collections.unmodifiableMap(p.values);
    }

    /** The fault as {@link #parse(String)} reads it, e.g. {@code latency,latency=200ms,jitter=0ms,stream=downstream}. */
    @Override
    public String toString() {
        return FaultSpec.format(this);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fault)) {
            return false;
        }
        Parts q = ((Fault) o).p;
        return q.type == p.type && q.values.equals(p.values) && q.stream == p.stream && q.toxicity == p.toxicity
                && Objects.equals(q.name, p.name) && Objects.equals(q.from, p.from) && q.first == p.first
                && q.every == p.every && Objects.equals(q.seed, p.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(p.type, p.values, p.stream, p.toxicity, p.name, p.from, p.first, p.every, p.seed);
    }

    /** What a fault is made of: filled in by {@link #defaults} or a copy, then frozen in its fault. */
    private static final class Parts {
        final FaultType type;
        final Map<Attr, Object> values;
        Stream stream = Stream.DOWNSTREAM;
        double toxicity = 1.0;
        String name;
        IpNetwork from;
        long first;
        long every;
        Long seed;

        Parts(FaultType type) {
            this.type = type;
            this.values = new EnumMap<>(Attr.class);
        }

        Parts(Parts o) {
            type = o.type;
            values = new EnumMap<>(o.values);
            stream = o.stream;
            toxicity = o.toxicity;
            name = o.name;
            from = o.from;
            first = o.first;
            every = o.every;
            seed = o.seed;
        }
    }
}
