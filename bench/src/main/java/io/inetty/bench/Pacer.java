package io.inetty.bench;

/**
 * The fixed timetable of one connection under {@code --rate}: send {@code k} is due at {@code start + k * interval},
 * whenever the previous reply came back. Latency is measured from the due time, not from the actual send, so a
 * slow reply that delays the following sends is charged to them too (no coordinated omission).
 */
final class Pacer {
    private final long interval;
    private long due;
    private boolean windowOpen;

    /** {@code interval} nanoseconds between sends of this connection, the first due at {@code first}. */
    Pacer(long first, long interval) {
        this.due = first;
        this.interval = interval;
    }

    /** Per-connection timetable for a total of {@code rate} messages/s over {@code connections}, staggered by id. */
    static Pacer of(long start, long rate, int connections, int id) {
        return new Pacer(start + Math.round(1e9 * id / rate), Math.max(1, Math.round(1e9 * connections / rate)));
    }

    /** Moves the whole timetable by {@code origin} nanoseconds (timetables are built relative to 0). */
    void shift(long origin) {
        due += origin;
    }

    /**
     * Once, when the measurement window has opened: a backlog left by the warmup (JIT compilation, connects)
     * is dropped, so that it is not charged to the first messages of the window.
     */
    void openWindow(long now) {
        if (!windowOpen) {
            windowOpen = true;
            due = Math.max(due, now);
        }
    }

    /** When the next send is due (nanoTime). */
    long due() {
        return due;
    }

    /** Moves on to the following send; returns the due time of the send just made. */
    long advance() {
        long d = due;
        due += interval;
        return d;
    }
}
