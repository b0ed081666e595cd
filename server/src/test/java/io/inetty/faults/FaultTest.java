package io.inetty.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.Transport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault value: factories, checks, the shared parser of the CLI and the admin API, and reading back. */
class FaultTest {

    @Test
    void factoriesCarryTheirParametersAndToxiproxyDefaults() {
        Fault f = Fault.latency(Duration.ofMillis(200)).withJitter(Duration.ofMillis(20));
        assertThat(f.type()).isEqualTo("latency");
        assertThat(f.stream()).isEqualTo(Stream.DOWNSTREAM);
        assertThat(f.toxicity()).isEqualTo(1.0);
        assertThat(f.name()).isEqualTo("latency_downstream");
        assertThat(f.attributes()).containsExactly(Map.entry("latency", 200L), Map.entry("jitter", 20L));
        assertThat(f.transports()).containsExactlyInAnyOrder(Transport.TCP, Transport.UDP);
        assertThat(Fault.slicer(100, 10, Duration.ofNanos(5_000)).attributes())
                .as("the slicer's delay is in microseconds, as Toxiproxy")
                .containsEntry("delay", 5L).containsEntry("average_size", 100L);
        assertThat(Fault.loss(0.25).withCorrelation(0.5).attributes())
                .containsExactly(Map.entry("probability", 0.25), Map.entry("correlation", 0.5));
        assertThat(Fault.ratePps(100).attributes()).containsEntry("pps", 100L).containsEntry("rate", 0L);
        assertThat(Fault.rate(64).withPps(10).attributes()).containsEntry("pps", 10L).containsEntry("rate", 0L);
        assertThat(Fault.resetPeer(Duration.ZERO).withStream(Stream.UPSTREAM).name()).isEqualTo("reset_peer_upstream");
        assertThat(Fault.limitData(10).withName("cut").name()).isEqualTo("cut");
        assertThat(Fault.reorder(0.1, 3).attributes()).containsEntry("gap", 3L);
        assertThat(Fault.corrupt(0.1, 2).attributes()).containsEntry("bits", 2L);
        assertThat(Fault.truncate(8).attributes()).containsEntry("size", 8L);
        assertThat(Fault.duplicate(0.1).transports()).containsExactly(Transport.UDP);
        assertThat(Fault.bandwidth(64).transports()).containsExactly(Transport.TCP);
        assertThat(Fault.timeout(Duration.ofSeconds(1)).attributes()).containsEntry("timeout", 1000L);
        assertThat(Fault.slowClose(Duration.ofSeconds(1)).attributes()).containsEntry("delay", 1000L);
    }

    @Test
    void badValuesAreRefusedNamingTheParameterAndWhatIsAllowed() {
        assertThatThrownBy(() -> Fault.loss(1.5)).hasMessage("probability: '1.5' (expected: a probability from 0 to 1)");
        assertThatThrownBy(() -> Fault.loss(Double.NaN)).hasMessageStartingWith("probability: 'NaN'");
        assertThatThrownBy(() -> Fault.latency(Duration.ofMillis(-1))).hasMessage("latency: 'PT-0.001S' (expected: a duration >= 0)");
        assertThatThrownBy(() -> Fault.latency(Duration.ZERO).withToxicity(-0.1)).hasMessageStartingWith("toxicity: '-0.1'");
        assertThatThrownBy(() -> Fault.slicer(10, 10, Duration.ZERO)).hasMessageStartingWith("size_variation: '10' (expected: less than average_size 10)");
        assertThatThrownBy(() -> Fault.slicer(0, 0, Duration.ZERO)).hasMessageStartingWith("average_size: '0'");
        assertThatThrownBy(() -> Fault.reorder(0.1, 0)).hasMessageStartingWith("gap: '0' (expected: a whole number from 1");
        assertThatThrownBy(() -> Fault.rate(0)).hasMessageContaining("either rate (KB/s) or pps");
        assertThatThrownBy(() -> Fault.limitData(-1)).hasMessageStartingWith("bytes: '-1'");
        assertThatThrownBy(() -> Fault.loss(0.1).withJitter(Duration.ZERO))
                .hasMessage("jitter: not a parameter of loss (parameters: probability, correlation)");
        assertThatThrownBy(() -> Fault.loss(0.1).withFirst(-1)).hasMessageStartingWith("first: -1");
        assertThatThrownBy(() -> Fault.loss(0.1).withFrom("10.0.0.0/33")).hasMessageStartingWith("from: '10.0.0.0/33'");
        assertThatThrownBy(() -> Fault.loss(0.1).withFrom("example.com")).hasMessageStartingWith("from: 'example.com'");
        assertThatThrownBy(() -> Fault.loss(0.1).withName(" ")).hasMessageStartingWith("name: ' '");
    }

    @Test
    void parsesTheCommandLineFormWithUnits() {
        Fault f = Fault.parse("latency,latency=200ms,jitter=1.5ms,stream=upstream,toxicity=50%,from=10.0.0.0/8,"
                + "first=3,every=2,seed=42,name=slow");
        assertThat(f).isEqualTo(Fault.latency(Duration.ofMillis(200)).withJitter(Duration.ofNanos(1_500_000))
                .withStream(Stream.UPSTREAM).withToxicity(0.5).withFrom("10.0.0.0/8").withFirst(3).withEvery(2)
                .withSeed(42).withName("slow"));
        assertThat(Fault.parse("limit_data,bytes=64k").attributes()).containsEntry("bytes", 65536L);
        assertThat(Fault.parse("slicer,average_size=1k,size_variation=100,delay=2ms").attributes())
                .containsEntry("delay", 2000L).containsEntry("average_size", 1024L);
        assertThat(Fault.parse("loss,probability=0.3,seed=42").seed()).hasValue(42);
        assertThat(Fault.parse("rate,pps=100")).isEqualTo(Fault.ratePps(100));
        assertThat(Fault.parse("timeout")).as("Toxiproxy's zero default").isEqualTo(Fault.timeout(Duration.ZERO));
    }

    @Test
    void theTextFormReadsBack() {
        for (Fault f : new Fault[] {
            Fault.latency(Duration.ofMillis(200)).withJitter(Duration.ofNanos(1500)).withSeed(-7).withFrom("::1"),
            Fault.slicer(64, 8, Duration.ofMillis(1)).withToxicity(0.25).withName("cuts"),
            Fault.loss(0.3).withCorrelation(0.2).withEvery(3).withFirst(100).withStream(Stream.UPSTREAM),
            Fault.rate(64), Fault.ratePps(5), Fault.limitData(12345)}) {
            assertThat(Fault.parse(f.toString())).as(f.toString()).isEqualTo(f);
        }
        assertThat(Fault.latency(Duration.ofMillis(200)).toString()).isEqualTo("latency,latency=200ms,jitter=0ms,stream=downstream");
    }

    @Test
    void badTextIsRefusedNamingTheBadPart() {
        assertThatThrownBy(() -> Fault.parse("latncy")).hasMessageStartingWith("type: 'latncy' (expected: one of latency, bandwidth, slow_close,");
        assertThatThrownBy(() -> Fault.parse("")).hasMessageStartingWith("type: missing");
        assertThatThrownBy(() -> Fault.parse("latency,latncy=5ms"))
                .hasMessage("key: 'latncy' (expected for latency: latency, jitter, stream, toxicity, name, from, first, every, seed)");
        assertThatThrownBy(() -> Fault.parse("latency,latency=200")).hasMessageStartingWith("latency: '200' (expected: a duration with its unit");
        assertThatThrownBy(() -> Fault.parse("latency,latency")).hasMessageStartingWith("'latency' (expected: KEY=VALUE");
        assertThatThrownBy(() -> Fault.parse("loss")).hasMessageStartingWith("probability: missing");
        assertThatThrownBy(() -> Fault.parse("loss,probability=2")).hasMessageStartingWith("probability: '2.0'");
        assertThatThrownBy(() -> Fault.parse("loss,probability=x")).hasMessageStartingWith("probability: 'x'");
        assertThatThrownBy(() -> Fault.parse("rate")).hasMessageStartingWith("rate: missing");
        assertThatThrownBy(() -> Fault.parse("latency,stream=sideways")).hasMessage("stream: 'sideways' (expected: upstream or downstream)");
        assertThatThrownBy(() -> Fault.parse("latency,seed=abc")).hasMessageStartingWith("seed: 'abc'");
        assertThatThrownBy(() -> Fault.parse("latency,jitter=1ms,jitter=2ms")).hasMessageStartingWith("jitter: given twice");
        assertThatThrownBy(() -> Fault.parse("limit_data,bytes=12q")).hasMessageStartingWith("bytes: '12q'");
    }

    @Test
    void toxiproxyJsonNumbersAreInToxiproxyUnits() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("latency", 100);
        attrs.put("jitter", 10L);
        assertThat(Fault.of("latency", attrs)).isEqualTo(Fault.latency(Duration.ofMillis(100)).withJitter(Duration.ofMillis(10)));
        assertThat(Fault.of("slicer", Map.of("average_size", 10, "delay", 50)).attributes()).containsEntry("delay", 50L);
        assertThat(Fault.of("slicer", Map.of("average_size", 10, "delay", 50)))
                .isEqualTo(Fault.slicer(10, 0, Duration.ofNanos(50_000)));
        assertThat(Fault.of("bandwidth", Map.of("rate", 64)).toxicity()).isEqualTo(1.0);
        assertThat(Fault.of("latency", Map.of("toxicity", 0.5f, "stream", "upstream")).toxicity()).isEqualTo(0.5);
        assertThatThrownBy(() -> Fault.of("latency", Map.of("latency", 1.5))).hasMessageStartingWith("latency: '1.5' (expected: a whole number)");
    }
}
