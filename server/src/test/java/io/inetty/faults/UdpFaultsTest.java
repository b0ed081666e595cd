package io.inetty.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.ProxiedDatagram;
import io.inetty.server.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every UDP fault on an {@code EmbeddedChannel} with a mock clock and fixed seeds, in front of a UDP echo. */
class UdpFaultsTest {
    private static final int N = 2000;
    private final BindingFaults faults = FaultChannel.binding(Transport.UDP);

    private FaultChannel echo() {
        return FaultChannel.udp(faults, new FaultChannel.UdpEcho());
    }

    /** Sends datagrams "0" .. "n-1" and returns the payloads of the replies now out, as numbers. */
    private static List<Integer> roundTrip(FaultChannel ch, int n) {
        for (int i = 0; i < n; i++) {
            ch.writeInbound(FaultChannel.datagram(Integer.toString(i), FaultChannel.PEER));
        }
        return replies(ch);
    }

    private static List<Integer> replies(FaultChannel ch) {
        List<Integer> out = new ArrayList<>();
        for (byte[] b : ch.datagramsOut()) {
            out.add(Integer.parseInt(new String(b, StandardCharsets.US_ASCII)));
        }
        return out;
    }

    /** The binomial 99 % interval of successes in {@code n} trials of probability {@code p} (normal approximation). */
    static long[] interval99(int n, double p) {
        double mean = n * p;
        double half = 2.576 * Math.sqrt(n * p * (1 - p));
        return new long[] {(long) Math.floor(mean - half), (long) Math.ceil(mean + half)};
    }

    @Test
    void noFaultPassesTheSameDatagram() {
        List<Object> seen = new ArrayList<>();
        FaultChannel ch = FaultChannel.udp(faults, new FaultChannel.Recorder());
        DatagramPacket p = FaultChannel.datagram("x", FaultChannel.PEER);
        ch.writeInbound(p);
        seen.addAll(((FaultChannel.Recorder) ch.pipeline().last()).messages);
        assertThat(seen).containsExactly(p);
        p.release();
    }

    @Test
    void lossDropsRepliesWithinTheBinomialIntervalAndTheSeedRepeatsThePattern() {
        faults.add(Fault.loss(0.3).withSeed(42));
        List<Integer> kept = roundTrip(echo(), N);
        long lost = N - kept.size();
        long[] iv = interval99(N, 0.3);
        assertThat(lost).isBetween(iv[0], iv[1]);
        assertThat(kept).isSorted();
        faults.clear();
        faults.add(Fault.loss(0.3).withSeed(42));
        assertThat(roundTrip(echo(), N)).as("same seed, same datagrams lost").isEqualTo(kept);
        faults.clear();
        faults.add(Fault.loss(0.3).withSeed(43));
        assertThat(roundTrip(echo(), N)).isNotEqualTo(kept);
    }

    @Test
    void lossUpstreamLosesRequests() {
        faults.add(Fault.loss(0.5).withStream(Stream.UPSTREAM).withSeed(1));
        FaultChannel.Recorder service = new FaultChannel.Recorder();
        FaultChannel ch = FaultChannel.udp(faults, service);
        for (int i = 0; i < N; i++) {
            ch.writeInbound(FaultChannel.datagram("r", FaultChannel.PEER));
        }
        long[] iv = interval99(N, 0.5);
        assertThat((long) N - service.messages.size()).isBetween(iv[0], iv[1]);
        service.messages.forEach(m -> ((DatagramPacket) m).release());
    }

    @Test
    void correlatedLossKeepsTheAverageAndLosesInRuns() {
        faults.add(Fault.loss(0.2).withCorrelation(0.6).withSeed(5));
        List<Integer> kept = roundTrip(echo(), 20_000);
        boolean[] lost = new boolean[20_000];
        java.util.Arrays.fill(lost, true);
        kept.forEach(k -> lost[k] = false);
        int losses = 0;
        int pairs = 0;
        for (int i = 0; i < lost.length; i++) {
            losses += lost[i] ? 1 : 0;
            pairs += i > 0 && lost[i] && lost[i - 1] ? 1 : 0;
        }
        assertThat(losses / 20_000.0).isBetween(0.17, 0.23);
        // P(lost | previous lost) = p + c(1 - p) = 0.68, against 0.2 without correlation
        assertThat((double) pairs / losses).isBetween(0.6, 0.76);
    }

    @Test
    void duplicateSendsTwiceWithinTheBinomialInterval() {
        faults.add(Fault.duplicate(0.1).withSeed(3));
        List<Integer> out = roundTrip(echo(), N);
        long[] iv = interval99(N, 0.1);
        assertThat((long) out.size() - N).isBetween(iv[0], iv[1]);
        assertThat(out.stream().distinct().count()).isEqualTo(N);
        assertThat(out).isSorted();
    }

    @Test
    void reorderHoldsADatagramUntilGapOthersPassed() {
        faults.add(Fault.reorder(1.0, 2).withEvery(3));
        FaultChannel ch = echo();
        assertThat(roundTrip(ch, 9)).containsExactly(0, 1, 3, 4, 2, 6, 7, 5);
        ch.advance(999);
        assertThat(replies(ch)).isEmpty();
        ch.advance(1);
        assertThat(replies(ch)).as("held at most a second").containsExactly(8);
    }

    @Test
    void latencyDelaysEachDatagramWithJitterFromTheSeed() {
        faults.add(Fault.latency(Duration.ofMillis(100)).withJitter(Duration.ofMillis(10)).withSeed(9));
        FaultChannel ch = echo();
        assertThat(roundTrip(ch, 50)).isEmpty();
        ch.advance(89);
        assertThat(replies(ch)).isEmpty();
        ch.advance(10);
        int early = replies(ch).size();
        ch.advance(11);
        int late = replies(ch).size();
        assertThat(early).isPositive();
        assertThat(early + late).isEqualTo(50);
    }

    @Test
    void corruptFlipsExactlyTheBitsAsked() {
        faults.add(Fault.corrupt(1.0, 3).withSeed(11));
        FaultChannel ch = echo();
        byte[] sent = "the quick brown fox".getBytes(StandardCharsets.US_ASCII);
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(sent.clone()), FaultChannel.LOCAL, FaultChannel.PEER));
        byte[] got = ch.datagramsOut().get(0);
        int flipped = 0;
        for (int i = 0; i < sent.length; i++) {
            flipped += Integer.bitCount((sent[i] ^ got[i]) & 0xff);
        }
        assertThat(flipped).isEqualTo(3);
    }

    @Test
    void truncateKeepsTheFirstBytes() {
        faults.add(Fault.truncate(4));
        FaultChannel ch = echo();
        ch.writeInbound(FaultChannel.datagram("hello world", FaultChannel.PEER));
        ch.writeInbound(FaultChannel.datagram("hi", FaultChannel.PEER));
        assertThat(ch.datagramsOut()).extracting(b -> new String(b, StandardCharsets.US_ASCII)).containsExactly("hell", "hi");
    }

    @Test
    void ratePacesDatagramsPerSecondAndKilobytesPerSecond() {
        faults.add(Fault.ratePps(10));
        FaultChannel ch = echo();
        assertThat(roundTrip(ch, 5)).containsExactly(0);
        ch.advance(100);
        assertThat(replies(ch)).containsExactly(1);
        ch.advance(300);
        assertThat(replies(ch)).containsExactly(2, 3, 4);
        faults.clear();
        faults.add(Fault.rate(1)); // 1000 bytes a second; 100-byte datagrams: one each 100 ms
        FaultChannel kb = echo();
        for (int i = 0; i < 3; i++) {
            kb.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[100]), FaultChannel.LOCAL, FaultChannel.PEER));
        }
        assertThat(kb.datagramsOut()).hasSize(1);
        assertThat(kb.datagramsAfter(100)).hasSize(1);
    }

    @Test
    void heldDatagramsAreBoundedAndReleased() {
        // spread out: EmbeddedChannel runs due timers inside each write, so a thousand at once would nest
        faults.add(Fault.latency(Duration.ofSeconds(1)).withJitter(Duration.ofMillis(500)).withSeed(1));
        FaultChannel ch = echo();
        assertThat(roundTrip(ch, 1500)).isEmpty();
        List<Integer> out = new ArrayList<>();
        for (int ms = 0; ms < 1500; ms++) {
            ch.advance(1);
            out.addAll(replies(ch));
        }
        ch.checkException();
        assertThat(out).as("netem's queue limit").hasSize(UdpHolds.LIMIT);
        DatagramPacket last = FaultChannel.datagram("x", FaultChannel.PEER);
        ch.writeInbound(last);
        ch.close();
        assertThat(last.refCnt()).as("released when the socket closes").isZero();
    }

    @Test
    void targetingJudgesTheRealSenderAndCountsDatagrams() {
        faults.add(Fault.loss(1.0).withFrom("198.51.100.0/24").withFirst(2));
        FaultChannel ch = echo();
        InetSocketAddress proxy = new InetSocketAddress("192.0.2.1", 5000);
        InetSocketAddress real = new InetSocketAddress("198.51.100.9", 6000);
        for (int i = 0; i < 4; i++) {
            ch.writeInbound(new ProxiedDatagram(Unpooled.copiedBuffer("p" + i, StandardCharsets.US_ASCII),
                    FaultChannel.LOCAL, proxy, real));
            ch.writeInbound(FaultChannel.datagram("d" + i, FaultChannel.PEER));
        }
        assertThat(ch.datagramsOut()).extracting(b -> new String(b, StandardCharsets.US_ASCII))
                .containsExactly("d0", "d1", "p2", "d2", "p3", "d3");
        assertThat(faults.list()).hasSize(1);
    }
}
