package io.inetty.faults;

import java.net.InetAddress;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fault added to one binding: its current settings (an update changes them in place, so open connections see new
 * latency and rate at once), its targeting state and its seeded random numbers. Decisions are taken under its lock,
 * in the order connections or datagrams reach it: the same seed and the same sequence give the same outcome.
 */
final class ActiveFault {
    final BindingFaults owner;
    final String name;
    final long seed;
    private final LongAdder applied;
    private volatile Fault fault;
    private volatile boolean removed;
    /** Connections or datagrams that matched {@code from}. */
    private long matched;
    private final SplittableRandom random;
    /** The loss chain's state: whether the previous datagram was lost. */
    private boolean lastLost;

    ActiveFault(BindingFaults owner, Fault fault, LongAdder applied) {
        this.owner = owner;
        this.name = fault.name();
        this.fault = fault;
        this.applied = applied;
        this.seed = fault.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        this.random = new SplittableRandom(seed);
    }

    Fault fault() {
        return fault;
    }

    void update(Fault f) {
        this.fault = f;
    }

    boolean removed() {
        return removed;
    }

    void remove() {
        removed = true;
    }

    void applied() {
        applied.increment();
    }

    /**
     * Whether the next connection or datagram from {@code client} gets this fault ({@code from}, {@code first},
     * {@code every}, then {@code toxicity}); returns its index among the matching ones (from 1), or -1.
     */
    synchronized long select(InetAddress client) {
        Fault f = fault;
        if (f.cidr() != null && !f.cidr().contains(client)) {
            return -1;
        }
        long k = ++matched;
        if (f.first() > 0 && k > f.first() || f.every() > 0 && k % f.every() != 0) {
            return -1;
        }
        if (f.toxicity() < 1.0 && !(random.nextDouble() < f.toxicity())) {
            return -1;
        }
        return k;
    }

    /** A random source of its own for the {@code k}th selected connection (jitter, slice sizes). */
    SplittableRandom connectionRandom(long k) {
        return new SplittableRandom(seed ^ (k * 0x9E3779B97F4A7C15L));
    }

    /** The next uniform number from 0 to 1 of the datagram sequence. */
    synchronized double nextDouble() {
        return random.nextDouble();
    }

    /** The next delay of latency ± jitter of the datagram sequence, in nanoseconds. */
    synchronized long delay(Fault f) {
        return Latency.delay(f, random);
    }

    /** The next whole number below {@code bound} of the datagram sequence. */
    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /**
     * Whether the next datagram is lost: a two-state chain whose lag-1 correlation is {@code correlation} and whose
     * long-run loss stays at {@code probability} (P(lost | lost) = p + c(1 - p), P(lost | kept) = p(1 - c)).
     */
    synchronized boolean lose(double probability, double correlation) {
        double p = lastLost ? probability + correlation * (1 - probability) : probability * (1 - correlation);
        lastLost = random.nextDouble() < p;
        return lastLost;
    }
}
