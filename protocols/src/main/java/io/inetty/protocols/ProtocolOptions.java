package io.inetty.protocols;

import static java.util.Objects.requireNonNull;

import io.inetty.protocols.daytime.Daytime;
import io.inetty.protocols.qotd.Quotes;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Settings of the services that have any.
 *
 * @param clock  time source of daytime and time
 * @param zone   daytime's zone
 * @param quotes qotd's quotes
 * @param random randomness of qotd's choice and chargen's UDP lengths
 */
public record ProtocolOptions(Clock clock, ZoneId zone, List<String> quotes, Supplier<RandomGenerator> random) {
    /** System clock, UTC, built-in quotes, thread-local randomness. */
    public static final ProtocolOptions DEFAULTS =
            new ProtocolOptions(Clock.systemUTC(), Daytime.UTC, Quotes.BUILT_IN, ThreadLocalRandom::current);

    /** Validates and copies the options. */
    public ProtocolOptions {
        requireNonNull(clock, "clock");
        requireNonNull(zone, "zone");
        quotes = Quotes.of(quotes);
        requireNonNull(random, "random");
    }

    /** These options with other quotes. */
    public ProtocolOptions withQuotes(List<String> quotes) {
        return new ProtocolOptions(clock, zone, quotes, random);
    }

    /** These options with another daytime zone. */
    public ProtocolOptions withZone(ZoneId zone) {
        return new ProtocolOptions(clock, zone, quotes, random);
    }
}
