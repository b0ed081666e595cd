package io.inetty.faults;

/**
 * {@code bandwidth}: at most {@code rate} KB/s (1 KB = 1000 bytes, as Toxiproxy; 0 = no limit). Data leaves in
 * slices of 10 ms worth, each due when the previous one has had its time on the wire; an idle link saves no credit.
 * The rate is read per slice, so an update reaches open connections at once.
 */
final class Bandwidth extends Shaper {
    /** Slices per second of the rate. */
    private static final long SLICES = 100;
    /** When the link is free again. */
    private long free;

    Bandwidth(ActiveFault active, long index) {
        super(active, index);
    }

    private long bytesPerSecond() {
        return fault().count(Attr.RATE) * 1000;
    }

    @Override
    long start(Chunk c) {
        return Math.max(c.arrived, free);
    }

    @Override
    int take(Chunk c) {
        long rate = bytesPerSecond();
        return rate == 0 ? c.buf.readableBytes() : (int) Math.min(Integer.MAX_VALUE, Math.max(1, rate / SLICES));
    }

    @Override
    void sent(Chunk c, int n) {
        long rate = bytesPerSecond();
        free = rate == 0 ? c.due : c.due + n * 1_000_000_000L / rate;
        c.due = free;
    }
}
