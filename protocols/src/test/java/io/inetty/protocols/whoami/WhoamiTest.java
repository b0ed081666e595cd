package io.inetty.protocols.whoami;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.TestChannels;
import io.inetty.server.ProxiedDatagram;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The answer, byte for byte, with a fixed clock; UDP through an embedded channel. */
class WhoamiTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00.750Z"), ZoneOffset.UTC);
    private final Whoami whoami = new Whoami(CLOCK, "node-1", "node-1-8342");

    private static String text(ByteBuf buf) {
        try {
            return buf.toString(UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void theAnswerIsOneLineOfJson() {
        assertThat(text(whoami.answer(ByteBufAllocator.DEFAULT, "tcp", new InetSocketAddress("203.0.113.7", 51234),
                new InetSocketAddress("10.0.0.5", 4242), null, null)))
                .isEqualTo("{\"service\":\"whoami\",\"transport\":\"tcp\",\"peer\":\"203.0.113.7:51234\",\"local\":\"10.0.0.5:4242\","
                        + "\"via\":null,\"host\":\"node-1\",\"instance\":\"node-1-8342\",\"time\":\"2026-11-30T12:00:00Z\"}\n");
        assertThat(text(whoami.answer(ByteBufAllocator.DEFAULT, "tcp", new InetSocketAddress("2001:db8::7", 1),
                new InetSocketAddress("::1", 4242), new InetSocketAddress("127.0.0.1", 9), null)))
                .contains("\"peer\":\"[2001:db8::7]:1\",\"local\":\"[::1]:4242\",\"via\":\"127.0.0.1:9\"");
    }

    @Test
    void namesAreEscapedAndWrittenAsUtf8() {
        Whoami odd = new Whoami(CLOCK, "h\"o\\st\n", "é\u0001\u2028");
        String line = text(odd.answer(ByteBufAllocator.DEFAULT, "udp", null, null, null, null));
        assertThat(line).contains("\"peer\":null,\"local\":null")
                .contains("\"host\":\"h\\\"o\\\\st\\n\",\"instance\":\"é\\u0001\\u2028\"");
        assertThat(line.indexOf('\n')).as("one line").isEqualTo(line.length() - 1);
        ByteBuf raw = odd.answer(ByteBufAllocator.DEFAULT, "udp", null, null, null, null);
        assertThat(raw.readableBytes()).as("é is two UTF-8 bytes").isEqualTo(line.getBytes(UTF_8).length);
        raw.release();
    }

    @Test
    void everyDatagramGetsTheAnswerAndAProxiedOneNamesTheClient() {
        EmbeddedChannel ch = new EmbeddedChannel(TestChannels.udpStages(whoami));
        ch.writeInbound(TestChannels.datagram(Unpooled.EMPTY_BUFFER));
        DatagramPacket reply = ch.readOutbound();
        assertThat(reply.recipient()).isEqualTo(TestChannels.SENDER);
        assertThat(text(reply.content())).contains("\"transport\":\"udp\",\"peer\":\"192.0.2.10:40000\",\"local\":\"127.0.0.1:10007\",\"via\":null");
        InetSocketAddress client = new InetSocketAddress("203.0.113.7", 5353);
        ch.writeInbound(new ProxiedDatagram(Unpooled.wrappedBuffer(new byte[1]), TestChannels.SERVER,
                TestChannels.OTHER_SENDER, client));
        DatagramPacket proxied = ch.readOutbound();
        assertThat(proxied.recipient()).as("the reply goes back through the proxy").isEqualTo(TestChannels.OTHER_SENDER);
        assertThat(text(proxied.content())).contains("\"peer\":\"203.0.113.7:5353\",\"local\":\"127.0.0.1:10007\",\"via\":\"198.51.100.20:50000\"");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theIdentityHasAHostAndAProcess() {
        assertThat(Identity.hostName()).isNotBlank();
        assertThat(Identity.defaultInstance()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(new Whoami().defaultPort()).isEqualTo(4242);
    }
}
