package io.inetty.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.AccessPolicy;
import io.inetty.server.DatagramDropped;
import io.inetty.server.DropReason;
import io.inetty.server.ProxiedDatagram;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PROXY v2 over UDP: one header per datagram from trusted proxies; everything wrong is dropped and counted. */
class DatagramProxyDecoderTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 4242);
    private static final InetSocketAddress PROXY = new InetSocketAddress("10.1.2.3", 50_000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 50_000);
    private static final byte[] PAYLOAD = "ping".getBytes(US_ASCII);

    private final List<DatagramDropped> drops = new ArrayList<>();
    private final EmbeddedChannel ch = new EmbeddedChannel(
            new DatagramProxyDecoder(AccessPolicy.of(List.of("10.0.0.0/8", "fd00::/8"), List.of())),
            new ChannelInboundHandlerAdapter() {
                @Override
                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                    drops.add((DatagramDropped) evt);
                }
            });

    private DatagramPacket passed(byte[] content, InetSocketAddress from) {
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(content), LOCAL, from));
        return ch.readInbound();
    }

    private void assertDropped(byte[] content, InetSocketAddress from) {
        assertThat(passed(content, from)).isNull();
        assertThat(drops).last().isEqualTo(new DatagramDropped(DropReason.POLICY, content.length));
    }

    private static byte[] with(byte[] header) {
        return Headers.concat(header, PAYLOAD);
    }

    @Test
    void aTrustedHeaderNamesTheClientAndIsStripped() {
        for (String[] c : new String[][] {{"UDP4", "203.0.113.7"}, {"UDP6", "2001:db8::7"}}) {
            DatagramPacket p = passed(with(Headers.v2(HAProxyProxiedProtocol.valueOf(c[0]), c[1], 5353)), PROXY);
            assertThat(p).isInstanceOf(ProxiedDatagram.class);
            assertThat(((ProxiedDatagram) p).realSender()).isEqualTo(new InetSocketAddress(c[1], 5353));
            assertThat(p.sender()).as("replies go to the proxy").isEqualTo(PROXY);
            assertThat(p.recipient()).isEqualTo(LOCAL);
            assertThat(p.content().toString(US_ASCII)).isEqualTo("ping");
            p.release();
        }
        assertThat(drops).isEmpty();
    }

    @Test
    void localAndUnspecifiedHeadersAreTheProxysOwnDatagrams() {
        DatagramPacket p = passed(with(Headers.v2(HAProxyCommand.LOCAL, HAProxyProxiedProtocol.UNKNOWN, null, 0, null, 0)), PROXY);
        assertThat(p).isNotInstanceOf(ProxiedDatagram.class);
        assertThat(p.sender()).isEqualTo(PROXY);
        assertThat(p.content().toString(US_ASCII)).isEqualTo("ping");
        p.release();
    }

    @Test
    void anyoneElsesDatagramsAreDataUnlessTheyForgeAHeader() {
        byte[] header = "PROXY TCP4 203.0.113.7 10.0.0.5 1 2\r\n".getBytes(US_ASCII);
        DatagramPacket p = passed(header, STRANGER);
        assertThat(p).isNotInstanceOf(ProxiedDatagram.class);
        assertThat(p.content().toString(US_ASCII)).as("bytes are data").startsWith("PROXY TCP4");
        p.release();
        assertDropped(with(Headers.v2(HAProxyProxiedProtocol.UDP4, "203.0.113.7", 1)), STRANGER);
    }

    @Test
    void malformedTruncatedAndOversizedHeadersAreDropped() {
        byte[] good = Headers.v2(HAProxyProxiedProtocol.UDP4, "203.0.113.7", 5353);
        assertDropped(PAYLOAD, PROXY); // a trusted source without a header
        assertDropped("PROXY UDP4 203.0.113.7 10.0.0.5 1 2\r\nping".getBytes(US_ASCII), PROXY); // v1 is stream-only
        byte[] v1 = good.clone();
        v1[12] = 0x11; // version 1 in the binary form
        assertDropped(v1, PROXY);
        byte[] command = good.clone();
        command[12] = 0x22;
        assertDropped(command, PROXY);
        byte[] stream = Headers.v2(HAProxyProxiedProtocol.TCP4, "203.0.113.7", 1);
        assertDropped(with(stream), PROXY);
        assertDropped(Arrays.copyOf(good, 14), PROXY); // truncated in the fixed part
        assertDropped(Arrays.copyOf(good, good.length - 1), PROXY); // truncated addresses
        byte[] shortBlock = Arrays.copyOf(good, 16 + 4);
        shortBlock[15] = 4; // declares 4 bytes: too few for IPv4 addresses
        assertDropped(shortBlock, PROXY);
        assertDropped(with(Headers.v2(HAProxyCommand.PROXY, HAProxyProxiedProtocol.UDP4, "203.0.113.7", 1, "10.0.0.5",
                ProxyProtocol.MAX_TLV_BYTES + 300)), PROXY);
        DatagramPacket tlvs = passed(with(Headers.v2(HAProxyCommand.PROXY, HAProxyProxiedProtocol.UDP4, "203.0.113.7", 1,
                "10.0.0.5", 100)), PROXY);
        assertThat(tlvs.content().toString(US_ASCII)).as("TLVs within the limit are skipped").isEqualTo("ping");
        tlvs.release();
        assertThat(drops).hasSize(9);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
