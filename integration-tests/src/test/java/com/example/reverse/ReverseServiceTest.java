package com.example.reverse;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.Endpoint;
import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.PipelineContributor;
import io.inetty.server.Service;
import io.inetty.server.Stages;
import io.inetty.server.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service written outside inetty's packages against its public API only: it reverses each line (TCP) or
 * datagram (UDP). Served embedded on port 0, over TCP and UDP, with a feature stage of our own at a slot.
 */
@Timeout(30)
class ReverseServiceTest {

    /** Reverses lines over TCP and datagrams over UDP. */
    static final class Reverse implements Service {
        @Override
        public String name() {
            return "reverse";
        }

        @Override
        public int defaultPort() {
            return 4321;
        }

        @Override
        public Set<Transport> transports() {
            return EnumSet.allOf(Transport.class);
        }

        @Override
        public void configureTcp(ChannelPipeline pipeline) {
            pipeline.addLast("reverse.framer", new LineBasedFrameDecoder(1024));
            pipeline.addLast("reverse.decoder", new StringDecoder(US_ASCII));
            pipeline.addLast("reverse.encoder", new StringEncoder(US_ASCII));
            pipeline.addLast(Stages.HANDLER, Lines.INSTANCE);
        }

        @Override
        public void configureUdp(ChannelPipeline pipeline) {
            pipeline.addLast(Stages.HANDLER, Datagrams.INSTANCE);
        }
    }

    @Sharable
    static final class Lines extends SimpleChannelInboundHandler<String> {
        static final Lines INSTANCE = new Lines();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            ctx.writeAndFlush(new StringBuilder(line).reverse() + "\n");
        }
    }

    @Sharable
    static final class Datagrams extends SimpleChannelInboundHandler<DatagramPacket> {
        static final Datagrams INSTANCE = new Datagrams();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            byte[] in = new byte[p.content().readableBytes()];
            p.content().readBytes(in);
            ByteBuf out = Unpooled.buffer(in.length);
            for (int i = in.length - 1; i >= 0; i--) {
                out.writeByte(in[i]);
            }
            ctx.writeAndFlush(new DatagramPacket(out, p.sender()));
        }
    }

    /** A feature of our own at the FAULTS slot: records the stages of each connection once it is active. */
    static final class Recorder implements PipelineContributor {
        final List<String> tcp = new CopyOnWriteArrayList<>();

        @Override
        public Stages.Slot slot() {
            return Stages.Slot.FAULTS;
        }

        @Override
        public void configureTcp(Endpoint endpoint, ChannelPipeline pipeline) {
            pipeline.addLast(Stages.FAULTS, new ChannelInboundHandlerAdapter() {
                @Override
                public void channelActive(ChannelHandlerContext ctx) {
                    List<String> names = ctx.pipeline().names();
                    tcp.add(endpoint.service() + " " + String.join(",", names.subList(0, names.size() - 1)));
                    ctx.fireChannelActive();
                }
            });
        }
    }

    @Test
    void servedEmbeddedOnTcpAndUdp() throws Exception {
        Recorder recorder = new Recorder();
        try (InettyServer server = Inetty.builder().service(new Reverse(), 0).pipeline(recorder).threads(1).start()) {
            int port = server.port("reverse");
            assertThat(server.port("reverse", Transport.UDP)).isEqualTo(port);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write("hello\nstressed\n".getBytes(US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), US_ASCII));
                assertThat(in.readLine()).isEqualTo("olleh");
                assertThat(in.readLine()).isEqualTo("desserts");
            }
            try (DatagramSocket d = new DatagramSocket()) {
                d.setSoTimeout(5000);
                d.connect(new InetSocketAddress("::1", port));
                byte[] sent = "drawer".getBytes(US_ASCII);
                d.send(new java.net.DatagramPacket(sent, sent.length));
                byte[] buf = new byte[64];
                java.net.DatagramPacket reply = new java.net.DatagramPacket(buf, buf.length);
                d.receive(reply);
                assertThat(new String(buf, 0, reply.getLength(), US_ASCII)).isEqualTo("reward");
            }
            assertThat(recorder.tcp).containsExactly("reverse inetty.connection,inetty.faults,"
                    + "reverse.framer,reverse.decoder,reverse.encoder,inetty.handler,inetty.errors");
            assertThat(server.metrics().snapshot().of("reverse", Transport.TCP).bytesIn()).isEqualTo(15);
        }
    }
}
