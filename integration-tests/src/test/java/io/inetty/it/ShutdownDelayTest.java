package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --shutdown-delay} (INETTY_SHUTDOWN_DELAY): at SIGTERM the daemon says it is stopping at once
 * (STOPPING=1, the admin endpoint's {@code /readyz} answers 503) but keeps accepting for the delay, while a load balancer takes it out; then it drains as usual.
 * A second signal still stops at once.
 */
class ShutdownDelayTest {
    private static final Duration DELAY = Duration.ofSeconds(4);

    @TempDir
    Path tmp;

    @Test
    void notReadyFromTheSignalOnYetAcceptingUntilTheDelayEndsThenDrained() {
        try (NotifyReceiver manager = NotifyReceiver.at(tmp.resolve("notify"));
             InettyProcess inetty = InettyProcess.launch(Map.of("NOTIFY_SOCKET", manager.address(),
                     "INETTY_SHUTDOWN_DELAY", DELAY.toSeconds() + "s"), InettyProcess.command(List.of(),
                     InettyProcess.jar(), List.of("serve", "--bind", "127.0.0.1", "--service", "echo/tcp:0",
                             "--admin", "127.0.0.1:0")))) {
            int port = inetty.port("echo", "tcp");
            String admin = "http://" + inetty.stdout().stream().filter(l -> l.startsWith("listening admin http "))
                    .findFirst().orElseThrow().substring("listening admin http ".length());
            manager.await("READY=1");
            assertThat(SocketActivationTest.curl(admin + "/readyz")).isEqualTo("200 ready");

            long signalled = System.nanoTime();
            inetty.sigterm();
            assertThat(manager.await("STOPPING=1")).endsWith("STOPPING=1", "STATUS=not ready; draining in 4000 ms");
            assertThat(SocketActivationTest.curl(admin + "/readyz")).isEqualTo("503 not ready");
            assertThat(SocketActivationTest.curl(admin + "/livez")).isEqualTo("200 ok");
            assertThat(elapsedMs(signalled)).as("not ready at once, not after the delay").isLessThan(DELAY.toMillis() / 2);
            inetty.awaitStderrLine("stopping: not ready", Duration.ofSeconds(5));

            assertThat(SocketActivationTest.tcp(port, "during the delay\n")).isEqualTo("during the delay\n");
            NotifyReceiver.pause(DELAY.toMillis() / 2 - elapsedMs(signalled) + 200);
            assertThat(elapsedMs(signalled)).isLessThan(DELAY.toMillis() - 500);
            assertThat(SocketActivationTest.tcp(port, "half-way\n")).as("still accepting").isEqualTo("half-way\n");

            assertThat(inetty.waitForExit(InettyProcess.STOP_TIMEOUT.plus(DELAY))).isZero();
            assertThat(elapsedMs(signalled)).as("the delay was kept").isGreaterThanOrEqualTo(DELAY.toMillis());
        }
    }

    @Test
    void aSecondSignalDuringTheDelayStopsAtOnce() {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0",
                "--shutdown-delay", "60s")) {
            inetty.sigterm();
            inetty.awaitStderrLine("stopping: not ready", Duration.ofSeconds(10));
            long second = System.nanoTime();
            inetty.sigterm();
            assertThat(inetty.waitForExit(Duration.ofSeconds(20))).as(inetty.describe()).isEqualTo(128 + 15);
            assertThat(elapsedMs(second)).isLessThan(10_000);
        }
    }

    private static long elapsedMs(long since) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
