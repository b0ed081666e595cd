package io.inetty.protocols.daytime;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.inetty.protocols.OneShotService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Daytime (RFC 867, port 13): one US-ASCII line, then close (TCP) or one datagram per request (UDP).
 * Format (stable): {@code Tuesday, November 24, 2026 21:50:25-UTC} followed by CR LF, English names,
 * 24-hour clock, the zone's short name after the dash.
 */
public final class Daytime extends OneShotService {
    /** The registered name. */
    public static final String NAME = "daytime";
    /** The line format, without the CR LF: {@code EEEE, MMMM d, uuuu HH:mm:ss-zzz}, English names. */
    public static final String PATTERN = "EEEE, MMMM d, uuuu HH:mm:ss-zzz";
    /** The default zone. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    private final Clock clock;
    private final ZoneId zone;

    /** Daytime in UTC from the system clock. */
    public Daytime() {
        this(Clock.systemUTC(), UTC);
    }

    /** Daytime from {@code clock}, shown in {@code zone}. */
    public Daytime(Clock clock, ZoneId zone) {
        super(NAME, 13);
        this.clock = requireNonNull(clock, "clock");
        this.zone = requireNonNull(zone, "zone");
    }

    /** The line for the clock's current instant, CR LF included. */
    public String line() {
        return Format.LINE.format(ZonedDateTime.now(clock.withZone(zone))) + "\r\n";
    }

    @Override
    public ByteBuf respond(ByteBufAllocator alloc) {
        byte[] line = line().getBytes(US_ASCII);
        return alloc.buffer(line.length).writeBytes(line);
    }

    /** Built at the first answer, not when the service is made (the formatter and its locale data cost 50-100 ms). */
    private static final class Format {
        static final DateTimeFormatter LINE = DateTimeFormatter.ofPattern(PATTERN, Locale.US);
    }
}
