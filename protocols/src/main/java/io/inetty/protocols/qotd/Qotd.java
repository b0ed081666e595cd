package io.inetty.protocols.qotd;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.inetty.protocols.OneShotService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Quote of the day (RFC 865, port 17): one quote, then close (TCP) or one datagram per request (UDP). */
public final class Qotd extends OneShotService {
    /** The registered name. */
    public static final String NAME = "qotd";

    /** Each quote as it goes on the wire: US-ASCII, lines ending CR LF. */
    private final byte[][] messages;
    private final Supplier<RandomGenerator> random;

    /** The built-in quotes, picked at random. */
    public Qotd() {
        this(Quotes.BUILT_IN, ThreadLocalRandom::current);
    }

    /** Given quotes (checked by {@link Quotes#of}), picked with {@code random}. */
    public Qotd(List<String> quotes, Supplier<RandomGenerator> random) {
        super(NAME, 17);
        List<String> checked = Quotes.of(quotes);
        this.random = requireNonNull(random, "random");
        messages = new byte[checked.size()][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = (checked.get(i).replace("\n", "\r\n") + "\r\n").getBytes(US_ASCII);
        }
    }

    @Override
    public ByteBuf respond(ByteBufAllocator alloc) {
        byte[] message = messages[random.get().nextInt(messages.length)];
        return alloc.buffer(message.length).writeBytes(message);
    }
}
