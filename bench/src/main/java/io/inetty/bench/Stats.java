package io.inetty.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The counters of one run, written by the event loops and read by the ticker. A request (message, datagram, churn
 * cycle) counts when it was sent in the measurement window ({@link #measuring}), however late its answer: then
 * {@code sent}, {@code messages} (with its latency), {@code lost} and the errors agree. Bulk bytes count when
 * they arrive in the window. Errors count at any time (an error is an error); {@code late} in the window.
 */
final class Stats {
    /** Set by the ticker between the end of the warmup and the end of the window. */
    volatile boolean measuring;

    final LongAdder sent = new LongAdder();
    final LongAdder messages = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder late = new LongAdder();
    /** Messages and bytes at any time, for the progress line. */
    final LongAdder progressMessages = new LongAdder();
    final LongAdder progressBytes = new LongAdder();

    final LongAdder mismatches = new LongAdder();
    final LongAdder connErrors = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder extraBytes = new LongAdder();
    final LongAdder noReply = new LongAdder();

    /** Latencies in nanoseconds of the requests sent in the window, 3 significant digits, auto-resizing. */
    final Recorder latency = new Recorder(3);
    /** Every latency, warmup included, for the progress lines. */
    final Recorder progressLatency = new Recorder(3);

    /** A request is sent now; returns whether it counts (it was sent in the window). */
    boolean request() {
        boolean counts = measuring;
        if (counts) {
            sent.increment();
        }
        return counts;
    }

    /** A request of {@code size} bytes was answered and verified; a negative latency is not recorded. */
    void message(long size, long latencyNanos, boolean counts) {
        progressMessages.increment();
        progressBytes.add(size);
        if (latencyNanos >= 0) {
            progressLatency.recordValue(latencyNanos);
        }
        if (counts) {
            messages.increment();
            bytes.add(size);
            if (latencyNanos >= 0) {
                latency.recordValue(latencyNanos);
            }
        }
    }

    /** Verified bytes (stream, source) or written bytes (sink). */
    void bytes(long n) {
        progressBytes.add(n);
        if (measuring) {
            bytes.add(n);
        }
    }

    /** Every error: what makes the exit status 1 (lost and late datagrams are not errors, as in loadgen). */
    long errors() {
        return mismatches.sum() + connErrors.sum() + connectFailures.sum() + timeouts.sum() + refused.sum()
                + extraBytes.sum() + noReply.sum();
    }
}
