package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The first UDP stage: access control, strict mode, amplification budget, counters. */
class UdpGuardTest {
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 19);

    /** Answers each datagram with {@code size} bytes, like chargen or qotd would. */
    @Sharable
    static final class Replier extends SimpleChannelInboundHandler<DatagramPacket> {
        private final int size;

        Replier(int size) {
            this.size = size;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[size]), p.sender()));
        }
    }

    /** 1,000 bytes a second per source, 2,000 of burst. */
    private static final UdpPolicy BUDGET_1000 = UdpPolicy.builder().replyBudget(1000).build();

    private final Metrics metrics = new Metrics();

    private EmbeddedChannel channel(AccessPolicy policy, UdpPolicy udp, int replySize) {
        ReplyBudget budget = udp.replyBudget() > 0 ? new ReplyBudget(udp.replyBudget()) : null;
        return new EmbeddedChannel(new UdpGuard("chargen", new UdpGuard.Shared(policy, udp, Set.of(), budget, false),
                metrics.counters("chargen", Transport.UDP)), new Replier(replySize));
    }

    private static DatagramPacket request(String sender, int port, int size) {
        return new DatagramPacket(Unpooled.wrappedBuffer(new byte[size]), LOCAL, new InetSocketAddress(sender, port));
    }

    /** Sends {@code n} requests of {@code size} bytes from {@code sender}, port 40000; returns the replies. */
    private static int replies(EmbeddedChannel ch, int n, String sender, int size) {
        for (int i = 0; i < n; i++) {
            ch.writeInbound(request(sender, 40000, size));
        }
        return replies(ch);
    }

    private static int replies(EmbeddedChannel ch) {
        int n = 0;
        for (DatagramPacket p; (p = ch.readOutbound()) != null; n++) {
            p.release();
        }
        return n;
    }

    @Test
    void deniedSourcesGetNoReplyAndAreCounted() {
        EmbeddedChannel ch = channel(AccessPolicy.of(List.of(), List.of("192.0.2.0/24")), UdpPolicy.OFF, 10);
        DatagramPacket denied = request("192.0.2.5", 5000, 1);
        ch.writeInbound(denied);
        assertThat(denied.refCnt()).isZero();
        ch.writeInbound(request("198.51.100.5", 5000, 1));
        assertThat(replies(ch)).isEqualTo(1);
        ch.close();
        assertThat(metrics.snapshot().of("chargen", Transport.UDP).dropped(DropReason.DENIED)).isEqualTo(1L);
        assertThat(metrics.snapshot().of("chargen", Transport.UDP).datagramsIn()).isEqualTo(2L);
        assertThat(metrics.snapshot().of("chargen", Transport.UDP).datagramsOut()).isEqualTo(1L);
    }

    @Test
    void budgetCapsAmplifiedRepliesPerSource() {
        // 1,000 bytes/s, 2,000 bytes of burst; 512-byte replies to 0-byte requests cost 540 bytes on the wire.
        EmbeddedChannel ch = channel(AccessPolicy.OPEN, BUDGET_1000, 512);
        assertThat(replies(ch, 100, "192.0.2.1", 0)).isEqualTo(3);
        assertThat(replies(ch, 1, "192.0.2.2", 0)).as("another source has its own budget").isEqualTo(1);
        ch.close();
        assertThat(metrics.snapshot().of("chargen", Transport.UDP).dropped(DropReason.BUDGET)).isEqualTo(97L);
    }

    @Test
    void repliesNoLargerThanTheRequestAreNeverCharged() {
        EmbeddedChannel ch = channel(AccessPolicy.OPEN, BUDGET_1000, 512);
        assertThat(replies(ch, 100, "192.0.2.1", 512)).isEqualTo(100);
        ch.finishAndReleaseAll();
    }

    @Test
    void aLaterReplyIsJudgedAgainstTheRequestItAnswers() {
        EmbeddedChannel ch = channel(AccessPolicy.OPEN, BUDGET_1000, 0);
        InetSocketAddress client = new InetSocketAddress("192.0.2.1", 40000);
        for (int i = 0; i < 100; i++) {
            // written outside a read (as a relay does), answering a request of the same size: never charged
            ch.writeAndFlush(new ReplyDatagram(Unpooled.wrappedBuffer(new byte[512]), client, client, 512));
        }
        assertThat(replies(ch)).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            // larger than the request it answers: charged to the requester (2,000 bytes of burst: 3 replies)
            ReplyDatagram small = new ReplyDatagram(Unpooled.EMPTY_BUFFER, client, client, 10);
            ch.writeAndFlush(small.replace(Unpooled.wrappedBuffer(new byte[512]))); // a copy keeps its request
        }
        assertThat(replies(ch)).isEqualTo(3);
        for (int i = 0; i < 10; i++) {
            // a plain datagram written outside a read answers nothing: charged
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[512]), new InetSocketAddress("192.0.2.9", 1)));
        }
        assertThat(replies(ch)).isEqualTo(3);
        ch.finishAndReleaseAll();
    }

    @Test
    void strictModeDropsPrivilegedPortsAndBroadcastButNotLoopback() throws Exception {
        ReplyBudget none = null;
        EmbeddedChannel ch = new EmbeddedChannel(new UdpGuard("qotd", new UdpGuard.Shared(AccessPolicy.OPEN,
                UdpPolicy.builder().replyBudget(0).strict(true).build(), Set.of(InetAddress.getByName("192.0.2.255")),
                none, false), metrics.counters("qotd", Transport.UDP)),
                new Replier(20));
        ch.writeInbound(request("192.0.2.1", 53, 0));     // reflection from a DNS server port
        ch.writeInbound(request("192.0.2.255", 40000, 0)); // a broadcast source
        ch.writeInbound(request("127.0.0.1", 123, 0));    // loopback: always served
        ch.writeInbound(request("192.0.2.1", 40000, 0));  // an ordinary client
        assertThat(replies(ch)).isEqualTo(2);
        ch.close();
        assertThat(metrics.snapshot().of("qotd", Transport.UDP).dropped(DropReason.STRICT)).isEqualTo(2L);
    }

    @Test
    void fullSendQueueDropsInsteadOfQueueing() {
        EmbeddedChannel ch = channel(AccessPolicy.OPEN, UdpPolicy.OFF, 10);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        DatagramPacket in = request("192.0.2.1", 40000, 0);
        ch.writeInbound(in);
        assertThat(replies(ch)).isZero();
        ch.close();
        assertThat(metrics.snapshot().of("chargen", Transport.UDP).dropped(DropReason.QUEUE_FULL)).isEqualTo(1L);
    }

    /** Netty never sends an empty datagram (its write skips it): such a reply is not counted as sent. */
    @Test
    void onlyWhatLeavesTheSocketIsCountedAsSent() {
        EmbeddedChannel ch = channel(AccessPolicy.OPEN, UdpPolicy.OFF, 0);
        ch.writeInbound(request("192.0.2.1", 40000, 0));
        ch.writeInbound(request("192.0.2.1", 40000, 0));
        replies(ch);
        ServiceStats s = metrics.snapshot().of("chargen", Transport.UDP);
        assertThat(s.datagramsIn()).isEqualTo(2);
        assertThat(s.datagramsOut()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void headerSizes() throws Exception {
        assertThat(UdpGuard.headers(InetAddress.getByName("192.0.2.1"))).isEqualTo(28);
        assertThat(UdpGuard.headers(InetAddress.getByName("::1"))).isEqualTo(48);
    }

    @Test
    void aDropReportedByAStageBeforeTheGuardIsCountedAsReceivedAndDropped() {
        EmbeddedChannel ch = channel(AccessPolicy.OPEN, UdpPolicy.OFF, 10);
        ch.pipeline().fireUserEventTriggered(new DatagramDropped(DropReason.POLICY, 40));
        ServiceStats stats = metrics.snapshot().of("chargen", Transport.UDP);
        assertThat(stats.dropped(DropReason.POLICY)).isEqualTo(1L);
        assertThat(stats.datagramsIn()).isEqualTo(1L);
        assertThat(stats.bytesIn()).isEqualTo(40L);
        assertThat(replies(ch)).as("nothing reached the service").isZero();
        ch.finishAndReleaseAll();
    }
}
