package io.inetty.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code slicer}: cuts each chunk into writes of about {@code average_size} ± {@code size_variation} bytes (cut in
 * halves around a random middle until small enough, as Toxiproxy) with {@code delay} after each.
 */
final class Slicer extends Shaper {
    private long next;

    Slicer(ActiveFault active, long index) {
        super(active, index);
    }

    @Override
    long start(Chunk c) {
        Fault f = fault();
        c.slices = plan(c.buf.readableBytes(), (int) f.count(Attr.AVERAGE_SIZE), (int) f.count(Attr.SIZE_VARIATION),
                random);
        return Math.max(c.arrived, next);
    }

    @Override
    int take(Chunk c) {
        return c.slices[c.slice];
    }

    @Override
    void sent(Chunk c, int n) {
        c.slice++;
        next = c.due + fault().nanos(Attr.DELAY);
        c.due = next;
    }

    /** The slice sizes of {@code size} bytes (one slice of 0 for an empty chunk). */
    static int[] plan(int size, int average, int variation, SplittableRandom random) {
        List<Integer> sizes = new ArrayList<>();
        cut(0, size, average, variation, random, sizes);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void cut(int start, int end, int average, int variation, SplittableRandom random, List<Integer> out) {
        if (end - start - average <= variation) {
            out.add(end - start);
            return;
        }
        int mid = start + (end - start) / 2;
        if (variation > 0) {
            mid += random.nextInt(2 * variation) - variation;
        }
        cut(start, mid, average, variation, random, out);
        cut(mid, end, average, variation, random, out);
    }
}
