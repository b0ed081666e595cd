package io.inetty.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source-address token buckets of UDP reply bytes, shared by every UDP socket of a server. The map is
 * bounded: buckets that have refilled (idle sources) are forgotten by {@link #sweep()}, and when the map
 * is full a new source gets no budget until a sweep makes room (a spoofed-source flood cannot grow it).
 */
final class ReplyBudget {
    static final int MAX_SOURCES = 65_536;

    private final int rate;
    private final ConcurrentHashMap<InetAddress, TokenBucket> buckets = new ConcurrentHashMap<>();

    ReplyBudget(int bytesPerSecond) {
        this.rate = bytesPerSecond;
    }

    /** Takes {@code bytes} from the source's budget; false if it has not that much left. */
    boolean tryTake(InetAddress source, int bytes) {
        TokenBucket b = buckets.get(source);
        if (b == null) {
            if (buckets.size() >= MAX_SOURCES) {
                return false;
            }
            b = buckets.computeIfAbsent(source, k -> new TokenBucket(rate, 2.0 * rate));
        }
        return b.tryTake(bytes);
    }

    /** Forgets idle sources. */
    void sweep() {
        buckets.values().removeIf(TokenBucket::isFull);
    }

    int sources() {
        return buckets.size();
    }
}
