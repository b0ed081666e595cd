package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.faults.Fault;
import io.inetty.faults.Faults;
import io.inetty.relay.Relay;
import io.inetty.server.ServerConfig;
import io.inetty.server.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --fault}, {@code --relay} and their variables into the server's configuration (nothing is started). */
class FaultRelayOptionsTest {

    private static Faults faults(ServerConfig c) {
        return c.contributors().stream().filter(Faults.class::isInstance).map(Faults.class::cast).findFirst()
                .orElseThrow();
    }

    @Test
    void theFaultEngineIsAlwaysThereSoThatFaultsCanBeAddedAtRuntime() {
        assertThat(faults(new Cli().serve("--service", "echo:0")).withFaults()).isEmpty();
    }

    @Test
    void faultsStackInOrderOnEveryTransportWhereTheirTypeExists() {
        ServerConfig c = new Cli().serve("--service", "echo:0", "--fault", "echo=latency,latency=200ms,jitter=20ms",
                "--fault", "echo/tcp=limit_data,bytes=64k", "--fault", "echo=loss,probability=0.3,seed=42");
        Faults f = faults(c);
        assertThat(f.faults("echo", Transport.TCP).list()).extracting(Fault::type).containsExactly("latency", "limit_data");
        assertThat(f.faults("echo", Transport.UDP).list()).extracting(Fault::type).containsExactly("latency", "loss");
        assertThat(f.faults("echo", Transport.TCP).list().get(1).attributes()).containsEntry("bytes", 65536L);
    }

    @Test
    void relaysAreServicesNamedAsFaultTargetsAndTheEnvironmentHoldsSeveral() {
        ServerConfig c = new Cli(Map.of("INETTY_RELAY", "db/tcp:15432=127.0.0.1:5432;dns:0=[::1]:53",
                "INETTY_FAULT", "db=reset_peer,timeout=500ms;dns/udp=duplicate,probability=1")).serve("--service", "echo:0");
        assertThat(c.bindings()).extracting(b -> b.service().name() + "/" + b.transport().label() + ":" + b.port())
                .containsExactly("echo/tcp:0", "echo/udp:0", "db/tcp:15432", "dns/tcp:0", "dns/udp:0");
        assertThat(((Relay) c.bindings().get(2).service()).upstream()).isEqualTo("127.0.0.1:5432");
        assertThat(((Relay) c.bindings().get(4).service()).upstream()).isEqualTo("[::1]:53");
        Faults f = faults(c);
        assertThat(f.faults("db", Transport.TCP).list()).extracting(Fault::type).containsExactly("reset_peer");
        assertThat(f.faults("dns", Transport.UDP).list()).extracting(Fault::type).containsExactly("duplicate");
    }
}
