package io.inetty.server;

/** A token bucket: {@code rate} tokens a second, at most {@code burst} saved up. Thread-safe. */
final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, double burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** Takes {@code n} tokens if there are that many. */
    synchronized boolean tryTake(double n) {
        refill(System.nanoTime());
        if (tokens < n) {
            return false;
        }
        tokens -= n;
        return true;
    }

    /** Whether the bucket has refilled completely (an idle source: its entry can be forgotten). */
    synchronized boolean isFull() {
        refill(System.nanoTime());
        return tokens >= burst;
    }

    private void refill(long now) {
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
    }
}
