package io.inetty.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import java.util.List;

/** PROXY headers for the tests, v2 made by Netty's encoder (a sender independent of the parser under test). */
final class Headers {
    private Headers() {
    }

    static byte[] v1(String line) {
        return (line + "\r\n").getBytes(US_ASCII);
    }

    static byte[] v2(HAProxyCommand command, HAProxyProxiedProtocol protocol, String source, int sourcePort,
                     String destination, int tlvBytes) {
        // PP2_TYPE_NOOP (0x04): padding a proxy may send
        List<HAProxyTLV> tlvs = tlvBytes == 0 ? List.of()
                : List.of(new HAProxyTLV((byte) 0x04, Unpooled.wrappedBuffer(new byte[tlvBytes])));
        HAProxyMessage m = new HAProxyMessage(HAProxyProtocolVersion.V2, command, protocol, source, destination,
                sourcePort, source == null ? 0 : 4242, tlvs);
        EmbeddedChannel ch = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        ch.writeOutbound(m);
        ByteBuf out = ch.readOutbound();
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
            ch.finishAndReleaseAll();
        }
    }

    static byte[] v2(HAProxyProxiedProtocol protocol, String source, int sourcePort) {
        String destination = protocol.addressFamily() == HAProxyProxiedProtocol.AddressFamily.AF_IPv6 ? "2001:db8::5" : "10.0.0.5";
        return v2(HAProxyCommand.PROXY, protocol, source, sourcePort, destination, 0);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
