package io.inetty.protocols;

import static java.util.Objects.requireNonNull;

import io.inetty.protocols.daytime.Daytime;
import io.inetty.protocols.qotd.Quotes;
import io.inetty.protocols.whoami.Identity;
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
 * @param random   randomness of qotd's choice and chargen's UDP lengths
 * @param host     the host name whoami tells
 * @param instance the instance id whoami tells
 */
public record ProtocolOptions(Clock clock, ZoneId zone, List<String> quotes, Supplier<RandomGenerator> random,
                              String host, String instance) {
    /** System clock, UTC, built-in quotes, thread-local randomness, this host's name, instance {@code HOST-PID}. */
    public static final ProtocolOptions DEFAULTS =
            new ProtocolOptions(Clock.systemUTC(), Daytime.UTC, Quotes.BUILT_IN, ThreadLocalRandom::current);

    /** Options with this host's name and the default instance id ({@code HOST-PID}). */
    public ProtocolOptions(Clock clock, ZoneId zone, List<String> quotes, Supplier<RandomGenerator> random) {
        this(clock, zone, quotes, random, Identity.hostName(), Identity.defaultInstance());
    }

    /** Validates and copies the options. */
    public ProtocolOptions {
        requireNonNull(clock, "clock");
        requireNonNull(zone, "zone");
        quotes = Quotes.of(quotes);
        requireNonNull(random, "random");
        requireNonNull(host, "host");
        requireNonNull(instance, "instance");
        if (instance.isBlank()) {
            throw new IllegalArgumentException("instance: '" + instance + "' (expected: a non-empty id)");
        }
    }

    /** These options with other quotes. */
    public ProtocolOptions withQuotes(List<String> quotes) {
        return new ProtocolOptions(clock, zone, quotes, random, host, instance);
    }

    /** These options with another daytime zone. */
    public ProtocolOptions withZone(ZoneId zone) {
        return new ProtocolOptions(clock, zone, quotes, random, host, instance);
    }

    /** These options with another whoami instance id (e.g. {@code --instance-id}). */
    public ProtocolOptions withInstance(String instance) {
        return new ProtocolOptions(clock, zone, quotes, random, host, instance);
    }
}
