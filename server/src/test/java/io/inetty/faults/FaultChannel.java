package io.inetty.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.InetEmbeddedChannel;
import io.inetty.server.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An {@link InetEmbeddedChannel} with a mock clock the test advances, for the fault stages. */
final class FaultChannel extends InetEmbeddedChannel {
    private final MockTicker ticker;

    FaultChannel(InetSocketAddress peer, ChannelHandler... handlers) {
        this(peer, Ticker.newMockTicker(), handlers);
    }

    private FaultChannel(InetSocketAddress peer, MockTicker ticker, ChannelHandler... handlers) {
        super(peer, ticker, handlers);
        this.ticker = ticker;
    }

    /** A TCP connection of {@code faults}'s binding, with {@code service} as its service stage. */
    static FaultChannel tcp(BindingFaults faults, ChannelHandler service) {
        return tcp(PEER, faults, service);
    }

    static FaultChannel tcp(InetSocketAddress peer, BindingFaults faults, ChannelHandler service) {
        return new FaultChannel(peer, new TcpFaultSelector(faults), service);
    }

    /** A UDP socket of {@code faults}'s binding with {@code service} as its service stage. */
    static FaultChannel udp(BindingFaults faults, ChannelHandler service) {
        return new FaultChannel(PEER, new UdpFaultStage(faults), service);
    }

    static BindingFaults binding(Transport transport) {
        return Faults.create().faults("svc", transport);
    }

    /** Moves the clock on and runs what became due. */
    void advance(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        runScheduledPendingTasks();
        runPendingTasks();
    }

    /** Asserts nothing is written out until {@code millis} have passed; returns what is written out then. */
    byte[] outAfter(long millis) {
        advance(millis - 1);
        assertThat(out()).as("written out before %d ms", millis).isEmpty();
        advance(1);
        return out();
    }

    /** Asserts no datagram is sent until {@code millis} have passed; returns those sent then. */
    List<byte[]> datagramsAfter(long millis) {
        advance(millis - 1);
        assertThat(datagramsOut()).as("sent before %d ms", millis).isEmpty();
        advance(1);
        return datagramsOut();
    }

    /** Every byte written out so far (buffers are released). */
    byte[] out() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object o; (o = readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    /** The sizes of the buffers written out so far (released). */
    List<Integer> outSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (Object o; (o = readOutbound()) != null; ) {
            sizes.add(((ByteBuf) o).readableBytes());
            ((ByteBuf) o).release();
        }
        return sizes;
    }

    /** The datagrams written out so far, as their payloads (released). */
    List<byte[]> datagramsOut() {
        List<byte[]> out = new ArrayList<>();
        for (Object o; (o = readOutbound()) != null; ) {
            DatagramPacket p = (DatagramPacket) o;
            out.add(ByteBufUtil.getBytes(p.content()));
            p.release();
        }
        return out;
    }

    static ByteBuf bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return Unpooled.wrappedBuffer(b);
    }

    static DatagramPacket datagram(String text, InetSocketAddress sender) {
        return new DatagramPacket(Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.US_ASCII), LOCAL, sender);
    }

    /** A service stage that records what reaches it: bytes and user events; never writes. */
    static final class Recorder extends ChannelInboundHandlerAdapter {
        final ByteArrayOutputStream in = new ByteArrayOutputStream();
        final List<Object> events = new ArrayList<>();
        final List<Object> messages = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf) {
                in.writeBytes(ByteBufUtil.getBytes((ByteBuf) msg));
                ((ByteBuf) msg).release();
            } else {
                messages.add(msg);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            events.add(evt);
        }
    }

    /** A UDP service stage that returns each datagram to its sender. */
    static final class UdpEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket p = (DatagramPacket) msg;
            ctx.writeAndFlush(new DatagramPacket(p.content(), p.sender(), p.recipient()));
        }
    }
}
