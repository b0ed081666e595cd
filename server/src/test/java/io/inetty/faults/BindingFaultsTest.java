package io.inetty.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.Inetty;
import io.inetty.server.InettyServer;
import io.inetty.server.Stages;
import io.inetty.server.TestServices;
import io.inetty.server.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The faults of a binding: add, update, remove, clear, names, handles, targeting and the applied counters. */
class BindingFaultsTest {
    private final Faults engine = Faults.create();
    private final BindingFaults tcp = engine.faults("echo", Transport.TCP);

    @Test
    void addListUpdateRemoveAndClear() {
        FaultHandle slow = tcp.add(Fault.latency(Duration.ofMillis(100)));
        tcp.add(Fault.limitData(10).withName("cut"));
        assertThat(tcp.list()).extracting(Fault::name).containsExactly("latency_downstream", "cut");
        assertThat(engine.faults("echo", Transport.TCP)).isSameAs(tcp);
        assertThat(engine.withFaults()).containsExactly(tcp);

        Fault now = tcp.update("latency_downstream", Fault.latency(Duration.ofMillis(5)).withName("other"));
        assertThat(now.name()).as("the name stays").isEqualTo("latency_downstream");
        assertThat(slow.fault().attributes()).containsEntry("latency", 5L);

        assertThat(tcp.remove("cut")).isTrue();
        assertThat(tcp.remove("cut")).isFalse();
        slow.close();
        slow.close();
        assertThat(slow.isActive()).isFalse();
        assertThat(tcp.isEmpty()).isTrue();

        tcp.add(Fault.latency(Duration.ZERO));
        engine.clearAll();
        assertThat(tcp.list()).isEmpty();
    }

    @Test
    void refusesWhatCannotBe() {
        tcp.add(Fault.latency(Duration.ZERO));
        assertThatThrownBy(() -> tcp.add(Fault.latency(Duration.ofMillis(1))))
                .hasMessage("name: 'latency_downstream' is taken on echo/tcp (expected: another name, see Fault.withName)");
        assertThatThrownBy(() -> tcp.add(Fault.loss(0.1)))
                .hasMessage("type: loss is not a tcp fault (tcp faults: latency, bandwidth, slow_close, timeout,"
                        + " reset_peer, slicer, limit_data)");
        assertThatThrownBy(() -> engine.faults("echo", Transport.UDP).add(Fault.bandwidth(1)))
                .hasMessageStartingWith("type: bandwidth is not a udp fault (udp faults: latency, loss,");
        assertThatThrownBy(() -> tcp.update("nope", Fault.latency(Duration.ZERO))).hasMessageStartingWith("name: 'nope' is not a fault of echo/tcp");
        assertThatThrownBy(() -> tcp.update("latency_downstream", Fault.bandwidth(1)))
                .hasMessageStartingWith("fault: bandwidth/downstream cannot replace latency/downstream");
    }

    @Test
    void firstEveryFromAndToxicityChooseConnectionsAndTheSeedRepeatsTheChoice() {
        assertThat(chosen(Fault.limitData(1).withFirst(3), 10)).containsExactly(0, 1, 2);
        assertThat(chosen(Fault.limitData(1).withEvery(4), 10)).containsExactly(3, 7);
        assertThat(chosen(Fault.limitData(1).withEvery(2).withFirst(6), 10)).containsExactly(1, 3, 5);
        assertThat(chosen(Fault.limitData(1).withFrom("192.0.2.0/24"), 4)).containsExactly(0, 2);
        assertThat(chosen(Fault.limitData(1).withFrom("2001:db8::/32"), 4)).containsExactly(1, 3);
        List<Integer> half = chosen(Fault.limitData(1).withToxicity(0.5).withSeed(42), 200);
        assertThat(half).hasSizeBetween(70, 130).isEqualTo(chosen(Fault.limitData(1).withToxicity(0.5).withSeed(42), 200));
        assertThat(half).isNotEqualTo(chosen(Fault.limitData(1).withToxicity(0.5).withSeed(43), 200));
    }

    /** Which of {@code n} connections (alternately from 192.0.2.7 and 2001:db8::7) get {@code fault}. */
    private static List<Integer> chosen(Fault fault, int n) {
        BindingFaults b = Faults.create().faults("svc", Transport.TCP);
        b.add(fault);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            InetSocketAddress peer = new InetSocketAddress(i % 2 == 0 ? "192.0.2.7" : "2001:db8::7", 1000 + i);
            FaultChannel ch = FaultChannel.tcp(peer, b, new FaultChannel.Recorder());
            if (ch.pipeline().names().contains(Stages.FAULTS + ".1")) {
                out.add(i);
            }
            assertThat(ch.pipeline().names()).doesNotContain(Stages.FAULTS);
            ch.finishAndReleaseAll();
        }
        return out;
    }

    @Test
    void theEngineIsFoundAmongTheServersContributors() {
        try (InettyServer server = Inetty.builder().service(TestServices.echo("echo"), 0).pipeline(engine).start()) {
            assertThat(Faults.of(server)).isSameAs(engine);
        }
        try (InettyServer server = Inetty.builder().service(TestServices.echo("echo"), 0).start()) {
            assertThatThrownBy(() -> Faults.of(server)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Inetty.builder().pipeline(Faults.create())");
        }
    }

    @Test
    void countsTheFaultsApplied() {
        tcp.add(Fault.latency(Duration.ZERO).withEvery(2));
        for (int i = 0; i < 5; i++) {
            FaultChannel.tcp(tcp, new FaultChannel.Recorder()).finishAndReleaseAll();
        }
        assertThat(engine.applied()).containsExactly(new Faults.Applied("echo", Transport.TCP, "latency", 2));
        tcp.clear();
        assertThat(engine.applied()).as("kept after removal").hasSize(1);
    }
}
