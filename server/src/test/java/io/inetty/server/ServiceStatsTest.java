package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceStatsTest {
    private static final ServiceStats START = new ServiceStats(3, 2, Map.of(CloseReason.DONE, 1L), 10, 20, 4, 5,
            Map.of(DropReason.BUDGET, 1L));
    private static final ServiceStats NOW = new ServiceStats(7, 1, Map.of(CloseReason.DONE, 4L, CloseReason.IDLE, 2L),
            110, 220, 9, 15, Map.of(DropReason.BUDGET, 3L, DropReason.STRICT, 1L));

    @Test
    void minusSubtractsEachCounterAndKeepsTheOpenGaugeOfThis() {
        ServiceStats delta = NOW.minus(START);

        assertThat(delta.connectionsAccepted()).isEqualTo(4);
        assertThat(delta.connectionsOpen()).isEqualTo(1);
        assertThat(delta.closed(CloseReason.DONE)).isEqualTo(3);
        assertThat(delta.closed(CloseReason.IDLE)).isEqualTo(2);
        assertThat(delta.closed(CloseReason.FAULT)).isZero();
        assertThat(delta.bytesIn()).isEqualTo(100);
        assertThat(delta.bytesOut()).isEqualTo(200);
        assertThat(delta.datagramsIn()).isEqualTo(5);
        assertThat(delta.datagramsOut()).isEqualTo(10);
        assertThat(delta.dropped(DropReason.BUDGET)).isEqualTo(2);
        assertThat(delta.dropped(DropReason.STRICT)).isEqualTo(1);
        assertThat(delta.dropped(DropReason.POLICY)).isZero();
    }

    @Test
    void minusUndoesPlusExceptForTheOpenGauge() {
        ServiceStats back = START.plus(NOW).minus(NOW);

        assertThat(back.connectionsOpen()).isEqualTo(START.connectionsOpen() + NOW.connectionsOpen());
        // START.plus(ZERO): START with every reason listed, zeros included, as plus and minus give them.
        assertThat(back).usingRecursiveComparison().ignoringFields("connectionsOpen")
                .isEqualTo(START.plus(ServiceStats.ZERO));
    }
}
