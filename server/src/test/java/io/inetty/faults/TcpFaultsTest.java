package io.inetty.faults;

import static io.inetty.faults.FaultChannel.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.server.Stages;
import io.inetty.server.Transport;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every TCP fault on an {@code EmbeddedChannel} with a frozen clock and fixed seeds. */
class TcpFaultsTest {
    private final BindingFaults faults = FaultChannel.binding(Transport.TCP);

    @Test
    void noFaultNoStage() {
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        assertThat(ch.pipeline().names()).noneMatch(n -> n.startsWith(Stages.FAULTS));
        faults.add(Fault.latency(Duration.ofMillis(5)).withFrom("10.0.0.0/8"));
        FaultChannel other = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        assertThat(other.pipeline().names()).as("no fault targets this peer").noneMatch(n -> n.startsWith(Stages.FAULTS));
    }

    @Test
    void latencyDelaysEachChunkDownstreamInOrder() {
        faults.add(Fault.latency(Duration.ofMillis(200)));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        assertThat(ch.pipeline().names()).contains(Stages.FAULTS + ".1");
        ChannelFuture written = ch.writeAndFlush(bytes(10));
        ch.advance(50);
        ch.writeAndFlush(bytes(5));
        ch.advance(149);
        assertThat(ch.out()).isEmpty();
        assertThat(written.isDone()).as("the writer learns when its data leaves").isFalse();
        ch.advance(1);
        assertThat(ch.out()).hasSize(10);
        assertThat(written.isSuccess()).isTrue();
        assertThat(ch.outAfter(50)).hasSize(5);
    }

    @Test
    void latencyUpstreamDelaysReadsAndTheEndOfInputBehindThem() {
        faults.add(Fault.latency(Duration.ofMillis(100)).withStream(Stream.UPSTREAM));
        FaultChannel.Recorder service = new FaultChannel.Recorder();
        FaultChannel ch = FaultChannel.tcp(faults, service);
        ch.writeInbound(bytes(7));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.advance(99);
        assertThat(service.in.size()).isZero();
        assertThat(service.events).isEmpty();
        ch.advance(1);
        assertThat(service.in.size()).isEqualTo(7);
        assertThat(service.events).containsExactly(ChannelInputShutdownEvent.INSTANCE);
    }

    @Test
    void jitterSpreadsWithinTheRangeAndTheSeedRepeatsIt() {
        assertThat(jitteredDelays(42)).isEqualTo(jitteredDelays(42)).isNotEqualTo(jitteredDelays(43));
        List<Long> d = jitteredDelays(42);
        assertThat(d).allMatch(ms -> ms >= 80 && ms <= 120);
        assertThat(d.stream().distinct().count()).as("spread").isGreaterThan(5);
    }

    /** Delays of 20 one-byte chunks sent 200 ms apart under 100 ms ± 20 ms. */
    private static List<Long> jitteredDelays(long seed) {
        BindingFaults b = FaultChannel.binding(Transport.TCP);
        b.add(Fault.latency(Duration.ofMillis(100)).withJitter(Duration.ofMillis(20)).withSeed(seed));
        FaultChannel ch = FaultChannel.tcp(b, new FaultChannel.Recorder());
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ch.writeAndFlush(bytes(1));
            long ms = 0;
            while (ch.out().length == 0) {
                ch.advance(1);
                ms++;
            }
            delays.add(ms);
            ch.advance(200 - ms);
        }
        ch.finishAndReleaseAll();
        return delays;
    }

    @Test
    void aLatencyUpdateReachesOpenConnections() {
        FaultHandle h = faults.add(Fault.latency(Duration.ofMillis(100)));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        h.update(Fault.latency(Duration.ofMillis(10)));
        ch.writeAndFlush(bytes(3));
        ch.advance(10);
        assertThat(ch.out()).hasSize(3);
        h.close();
        ch.writeAndFlush(bytes(4));
        assertThat(ch.out()).as("a removed fault stops applying").hasSize(4);
    }

    @Test
    void bandwidthPacesTenMillisecondSlices() {
        faults.add(Fault.bandwidth(10)); // 10,000 bytes a second: 100-byte slices every 10 ms
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ch.writeAndFlush(bytes(10_000));
        assertThat(ch.out()).hasSize(100);
        ch.advance(495);
        assertThat(ch.out()).hasSize(4_900);
        ch.advance(1000);
        assertThat(ch.out()).hasSize(5_000);
        faults.update("bandwidth_downstream", Fault.bandwidth(0));
        ch.writeAndFlush(bytes(1_000_000));
        ch.advance(10);
        assertThat(ch.out()).as("rate 0: no limit, at once").hasSize(1_000_000);
    }

    @Test
    void bandwidthPacesManySmallWritesAsOneStream() {
        faults.add(Fault.bandwidth(10)); // 100 writes of 100 bytes: one a 10 ms
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        for (int i = 0; i < 100; i++) {
            ch.write(bytes(100));
        }
        ch.flush();
        assertThat(ch.out()).hasSize(100);
        ch.advance(495);
        assertThat(ch.out()).hasSize(4_900);
    }

    @Test
    void slicerKeepsTheDelayBetweenChunksWrittenTogether() {
        faults.add(Fault.slicer(100, 0, Duration.ofMillis(10)));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ch.write(bytes(100));
        ch.write(bytes(100));
        ch.flush();
        assertThat(ch.out()).hasSize(100);
        assertThat(ch.outAfter(10)).hasSize(100);
    }

    @Test
    void slicerCutsChunksIntoDelayedSlicesOfTheAverageSize() {
        faults.add(Fault.slicer(100, 20, Duration.ofMillis(1)).withSeed(7));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ch.writeAndFlush(bytes(1000));
        List<Integer> sizes = new ArrayList<>(ch.outSizes());
        assertThat(sizes).hasSize(1);
        for (int i = 0; i < 20; i++) {
            ch.advance(1);
            sizes.addAll(ch.outSizes());
        }
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        assertThat(sizes).hasSizeGreaterThan(5).allMatch(s -> s > 0 && s <= 120);
        assertThat(Slicer.plan(1000, 100, 20, new java.util.SplittableRandom(7)))
                .isEqualTo(Slicer.plan(1000, 100, 20, new java.util.SplittableRandom(7)));
    }

    @Test
    void slowCloseDelaysTheServersClose() {
        faults.add(Fault.slowClose(Duration.ofMillis(300)));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ch.writeAndFlush(bytes(5));
        ch.pipeline().close(); // as a service does (EmbeddedChannel.close() would cancel the timers)
        assertThat(ch.out()).as("data passes untouched").hasSize(5);
        ch.advance(299);
        assertThat(ch.isOpen()).isTrue();
        ch.advance(1);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void slowCloseUpstreamDelaysTheClientsEndOfInput() {
        faults.add(Fault.slowClose(Duration.ofMillis(300)).withStream(Stream.UPSTREAM));
        FaultChannel.Recorder service = new FaultChannel.Recorder();
        FaultChannel ch = FaultChannel.tcp(faults, service);
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        ch.advance(299);
        assertThat(service.events).isEmpty();
        ch.advance(1);
        assertThat(service.events).containsExactly(ChannelInputShutdownEvent.INSTANCE);
    }

    @Test
    void timeoutDropsDataAndClosesAfterTheTimeout() {
        faults.add(Fault.timeout(Duration.ofSeconds(2)));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ChannelFuture f = ch.writeAndFlush(bytes(5));
        assertThat(f.isSuccess()).isTrue();
        ch.advance(1999);
        assertThat(ch.out()).isEmpty();
        assertThat(ch.isOpen()).isTrue();
        ch.advance(1);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void timeoutZeroHoldsForever() {
        faults.add(Fault.timeout(Duration.ZERO).withStream(Stream.UPSTREAM));
        FaultChannel.Recorder service = new FaultChannel.Recorder();
        FaultChannel ch = FaultChannel.tcp(faults, service);
        ch.writeInbound(bytes(5));
        ch.advance(3_600_000);
        assertThat(ch.isOpen()).isTrue();
        assertThat(service.in.size()).isZero();
    }

    @Test
    void resetPeerDropsFromTheFirstDataAndClosesAfterTheTimeout() {
        faults.add(Fault.resetPeer(Duration.ofMillis(500)));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ch.advance(10_000);
        assertThat(ch.isOpen()).as("armed by data only").isTrue();
        ch.writeAndFlush(bytes(5));
        ch.advance(499);
        assertThat(ch.isOpen()).isTrue();
        ch.writeAndFlush(bytes(5));
        ch.advance(1);
        assertThat(ch.isOpen()).isFalse();
        assertThat(ch.out()).isEmpty();
    }

    @Test
    void limitDataDownstreamPassesExactlyThenCloses() {
        faults.add(Fault.limitData(1000));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ch.writeAndFlush(bytes(600));
        assertThat(ch.isOpen()).isTrue();
        ch.writeAndFlush(bytes(600));
        ch.runPendingTasks();
        assertThat(ch.out()).hasSize(1000);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void limitDataUpstreamGivesExactlyThenTheEndOfInput() {
        faults.add(Fault.limitData(10).withStream(Stream.UPSTREAM));
        FaultChannel.Recorder service = new FaultChannel.Recorder();
        FaultChannel ch = FaultChannel.tcp(faults, service);
        ch.writeInbound(bytes(4));
        ch.writeInbound(bytes(20));
        ch.writeInbound(bytes(20));
        ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        assertThat(service.in.size()).isEqualTo(10);
        assertThat(service.events).containsExactly(ChannelInputShutdownEvent.INSTANCE);
    }

    @Test
    void faultsStackInTheOrderAdded() {
        faults.add(Fault.limitData(100));
        faults.add(Fault.latency(Duration.ofMillis(50)));
        faults.add(Fault.latency(Duration.ofMillis(20)).withStream(Stream.UPSTREAM).withName("up"));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        assertThat(ch.pipeline().names()).containsSubsequence("inetty.faults.1", "inetty.faults.2", "inetty.faults.3");
        assertThat(ch.pipeline().get("inetty.faults.1")).isInstanceOf(Latency.class); // upstream, socket side
        assertThat(ch.pipeline().get("inetty.faults.3")).as("first downstream fault next to the service")
                .isInstanceOf(LimitData.class);
        ch.writeAndFlush(bytes(150));
        assertThat(ch.outAfter(50)).as("limit_data cut first, then the delay").hasSize(100);
    }

    @Test
    void heldDataIsBoundedUpstreamByPausingReads() {
        faults.add(Fault.latency(Duration.ofSeconds(1)).withStream(Stream.UPSTREAM));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        for (int i = 0; i < 5; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[1 << 20]));
        }
        assertThat(ch.config().isAutoRead()).as("reads pause above 4 MiB held").isFalse();
        ch.advance(1000);
        assertThat(ch.config().isAutoRead()).isTrue();
    }

    @Test
    void heldDataIsBoundedDownstreamByWritability() {
        faults.add(Fault.bandwidth(1000));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[5 << 20]));
        assertThat(ch.isWritable()).as("unwritable while more than 4 MiB is held").isFalse();
        ch.advance(4000);
        ch.out();
        assertThat(ch.isWritable()).isTrue();
    }

    @Test
    void closingReleasesWhatIsHeld() {
        faults.add(Fault.latency(Duration.ofSeconds(1)));
        FaultChannel ch = FaultChannel.tcp(faults, new FaultChannel.Recorder());
        io.netty.buffer.ByteBuf buf = bytes(10);
        ChannelFuture f = ch.writeAndFlush(buf);
        ch.close();
        assertThat(buf.refCnt()).isZero();
        assertThat(f.isSuccess()).isFalse();
    }
}
