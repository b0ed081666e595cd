package io.inetty.cli.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * The counters of one run, written by the event loops and read by the ticker. Throughput counts only inside
 * the measurement window ({@link #measuring}); errors count at any time (an error is an error); {@code lost}
 * and {@code late} count in the window, as in loadgen. Latencies (nanoseconds) go to an HdrHistogram
 * {@link Recorder}, whose interval histograms the ticker collects.
 */
final class Stats {
    /** Set by the ticker between the end of the warmup and the end of the run. */
    volatile boolean measuring;

    final LongAdder messages = new LongAdder();
    final LongAdder bytes = new LongAdder();
    /** Messages and bytes at any time, for the progress line. */
    final LongAdder progressMessages = new LongAdder();
    final LongAdder progressBytes = new LongAdder();

    final LongAdder mismatches = new LongAdder();
    final LongAdder connErrors = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder extraBytes = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder late = new LongAdder();

    /** Latencies in nanoseconds, 3 significant digits, auto-resizing. */
    final Recorder latency = new Recorder(3);

    /** A completed message (round trip, churn cycle) of {@code size} bytes; a negative latency is not recorded. */
    void message(long size, long latencyNanos) {
        progressMessages.increment();
        progressBytes.add(size);
        if (latencyNanos >= 0) {
            latency.recordValue(latencyNanos);
        }
        if (measuring) {
            messages.increment();
            bytes.add(size);
        }
    }

    /** Verified bytes (stream, source) or written bytes (sink). */
    void bytes(long n) {
        progressBytes.add(n);
        if (measuring) {
            bytes.add(n);
        }
    }

    void sent() {
        if (measuring) {
            sent.increment();
        }
    }

    void lost() {
        if (measuring) {
            lost.increment();
        }
    }

    void late() {
        if (measuring) {
            late.increment();
        }
    }

    /** Every error: what makes the exit status 1 (lost and late datagrams are not errors, as in loadgen). */
    long errors() {
        return mismatches.sum() + connErrors.sum() + connectFailures.sum() + timeouts.sum() + refused.sum()
                + extraBytes.sum();
    }
}
