package io.inetty.faults;

/**
 * {@code latency}: each chunk leaves {@code latency} ± {@code jitter} (uniform, never below 0) after it arrived, and
 * never before the chunk ahead of it (a stream is not reordered), as Toxiproxy. The settings are read per chunk, so
 * an update reaches open connections at once.
 */
final class Latency extends Shaper {
    private long last;

    Latency(ActiveFault active, long index) {
        super(active, index);
    }

    @Override
    long start(Chunk c) {
        last = Math.max(c.arrived + delay(fault(), random), last);
        return last;
    }

    /** One delay of latency ± jitter in nanoseconds, never negative (shared with the UDP stage). */
    static long delay(Fault f, java.util.SplittableRandom random) {
        long d = f.nanos(Attr.LATENCY);
        long j = f.nanos(Attr.JITTER);
        if (j > 0) {
            d += random.nextLong(-j, j + 1);
        }
        return Math.max(0, d);
    }
}
