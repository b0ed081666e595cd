package io.inetty.protocols.chargen;

import static java.util.Objects.requireNonNull;

import io.inetty.protocols.BaseService;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Character generator (RFC 864, port 19): TCP streams the rotating 72-column pattern until the client
 * closes, only while the connection is writable; UDP answers each datagram with 1 to 512 characters.
 */
public final class Chargen extends BaseService {
    /** The registered name. */
    public static final String NAME = "chargen";

    private final Supplier<RandomGenerator> random;

    /** Chargen with thread-local randomness for UDP reply lengths. */
    public Chargen() {
        this(ThreadLocalRandom::current);
    }

    /** Chargen with a given source of randomness (one generator per UDP socket), e.g. seeded in tests. */
    public Chargen(Supplier<RandomGenerator> random) {
        super(NAME, 19);
        this.random = requireNonNull(random, "random");
    }

    @Override
    public void configureTcp(ChannelPipeline pipeline) {
        handler(pipeline, new ChargenStream());
    }

    @Override
    public void configureUdp(ChannelPipeline pipeline) {
        handler(pipeline, new ChargenDatagram(random.get()));
    }
}
