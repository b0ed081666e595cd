package io.inetty.protocols.time;

import static java.util.Objects.requireNonNull;

import io.inetty.protocols.OneShotService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Clock;

/**
 * Time (RFC 868, port 37): the seconds since 1900-01-01T00:00Z as a 32-bit big-endian number, then close
 * (TCP); any datagram, even an empty one, gets the same 4 bytes (UDP). The count wraps modulo 2^32 on
 * 2036-02-07T06:28:16Z, as clients expect.
 */
public final class Time extends OneShotService {
    /** The registered name. */
    public static final String NAME = "time";
    /** Seconds from 1900-01-01T00:00Z to the Unix epoch. */
    public static final long EPOCH_OFFSET = 2_208_988_800L;

    private final Clock clock;

    /** Time from the system clock. */
    public Time() {
        this(Clock.systemUTC());
    }

    /** Time from {@code clock}. */
    public Time(Clock clock) {
        super(NAME, 37);
        this.clock = requireNonNull(clock, "clock");
    }

    /** The RFC 868 value for the clock's current second, as an unsigned 32-bit number. */
    public long value() {
        return (Math.floorDiv(clock.millis(), 1000L) + EPOCH_OFFSET) & 0xFFFF_FFFFL;
    }

    @Override
    public ByteBuf respond(ByteBufAllocator alloc) {
        return alloc.buffer(4).writeInt((int) value());
    }
}
