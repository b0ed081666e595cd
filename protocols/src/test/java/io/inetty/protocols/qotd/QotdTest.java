package io.inetty.protocols.qotd;

import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpStages;

import static io.inetty.protocols.TestChannels.SENDER;
import static io.inetty.protocols.TestChannels.assertSentThenClosed;
import static io.inetty.protocols.TestChannels.datagram;
import static io.inetty.protocols.TestChannels.readOutboundAscii;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.protocols.FlushValve;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class QotdTest {
    private static final List<String> QUOTES = List.of(
            "Alpha.", "Bravo,\nover two lines.", "Charlie.", "Delta.", "Echo.");

    private static String wire(String quote) {
        return quote.replace("\n", "\r\n") + "\r\n";
    }

    private static Qotd seeded(long seed) {
        Random random = new Random(seed);
        return new Qotd(QUOTES, () -> random);
    }

    @Test
    void aSeededRandomPicksDeterministically() {
        Qotd qotd = seeded(42);
        Random expected = new Random(42);
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ByteBuf message = qotd.respond(ByteBufAllocator.DEFAULT);
            String text = message.toString(US_ASCII);
            message.release();
            assertThat(text).isEqualTo(wire(QUOTES.get(expected.nextInt(QUOTES.size()))));
            picked.add(text);
        }
        assertThat(new java.util.HashSet<>(picked)).as("the choice varies").hasSizeGreaterThan(1);
    }

    @Test
    void everyQuoteCanBePicked() {
        Qotd qotd = seeded(1);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            ByteBuf message = qotd.respond(ByteBufAllocator.DEFAULT);
            seen.add(message.toString(US_ASCII));
            message.release();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(QUOTES.stream().map(QotdTest::wire).toList());
    }

    @Test
    void multiLineQuotesUseCrLf() {
        Qotd qotd = new Qotd(List.of("Line one\nline two"), () -> new Random(0));
        ByteBuf message = qotd.respond(ByteBufAllocator.DEFAULT);
        assertThat(message.toString(US_ASCII)).isEqualTo("Line one\r\nline two\r\n");
        message.release();
    }

    @Test
    void defaultQotdSendsABuiltInQuote() {
        ByteBuf message = new Qotd().respond(ByteBufAllocator.DEFAULT);
        assertThat(Quotes.BUILT_IN.stream().map(QotdTest::wire)).contains(message.toString(US_ASCII));
        message.release();
    }

    @Test
    void rejectsInvalidQuotes() {
        assertThatThrownBy(() -> new Qotd(List.of(), () -> new Random(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Qotd(List.of("x".repeat(600)), () -> new Random(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quote 1");
        assertThatThrownBy(() -> new Qotd(QUOTES, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tcpWritesOneQuoteThenCloses() {
        Qotd qotd = seeded(42);
        int pick = new Random(42).nextInt(QUOTES.size());
        EmbeddedChannel ch = new EmbeddedChannel(tcpStages(qotd));
        ch.runPendingTasks();

        assertThat(readOutboundAscii(ch)).isEqualTo(wire(QUOTES.get(pick))).endsWith("\r\n");
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void tcpClosesOnlyOnceTheQuoteIsSentAndIgnoresInput() {
        FlushValve socket = new FlushValve();
        EmbeddedChannel ch = new EmbeddedChannel(socket, tcpStages(new Qotd(List.of("Only."), () -> new Random(0))));
        ch.runPendingTasks();
        assertThat(socket.writes()).isEqualTo(1);
        assertThat(ch.isOpen()).as("open until the write completes").isTrue();

        ByteBuf input = Unpooled.copiedBuffer("hello?\r\n", US_ASCII);
        assertThat(ch.writeInbound(input)).isFalse();
        assertThat(input.refCnt()).isZero();
        assertThat(socket.writes()).isEqualTo(1);

        assertSentThenClosed(ch, socket, "Only.\r\n");
    }

    @Test
    void udpAnswersEvenAnEmptyDatagram() {
        Qotd qotd = seeded(42);
        Random expected = new Random(42);
        EmbeddedChannel ch = new EmbeddedChannel(udpStages(qotd));
        for (int i = 0; i < 10; i++) {
            ByteBuf request = i == 0 ? Unpooled.buffer(0) : Unpooled.copiedBuffer("any " + i, US_ASCII);
            ch.writeInbound(datagram(request));
            assertThat(request.refCnt()).isZero();
            DatagramPacket reply = ch.readOutbound();
            assertThat(reply).as("reply %d", i).isNotNull();
            assertThat(reply.recipient()).isEqualTo(SENDER);
            assertThat(reply.content().toString(US_ASCII))
                    .isEqualTo(wire(QUOTES.get(expected.nextInt(QUOTES.size()))));
            reply.release();
        }
        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void randomIsAskedForPerMessage() {
        // A supplier such as ThreadLocalRandom::current must be called on the answering thread each time.
        int[] calls = {0};
        Random random = new Random(3);
        Qotd qotd = new Qotd(QUOTES, () -> {
            calls[0]++;
            return (RandomGenerator) random;
        });
        for (int i = 0; i < 3; i++) {
            qotd.respond(ByteBufAllocator.DEFAULT).release();
        }
        assertThat(calls[0]).isEqualTo(3);
    }
}
