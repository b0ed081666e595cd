package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** With {@code --transport auto}, a native transport that cannot load is a WARN with the reason and the fix. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransportFallbackTest {
    @Test
    void aDirectoryWhereNettyCannotUnpackItsLibraryIsAWarningWithTheFix() {
        // /proc takes no new file: as a read-only or noexec /tmp would, it keeps Netty from loading epoll and io_uring.
        try (InettyProcess inetty = InettyProcess.serveWithJvmOptions(List.of("-Dio.netty.native.workdir=/proc"),
                "--bind", "127.0.0.1", "--service", "echo/tcp:0")) {
            String warning = inetty.awaitStderrLine("no native transport could load", Duration.ofSeconds(5));
            assertThat(warning).contains("WARN", "NIO", "epoll: ", "/proc/", "-Dio.netty.native.workdir=",
                    "--tmpfs /tmp:exec");
            assertThat(inetty.stderrLines("transport nio")).isNotEmpty();
        }
    }

    @Test
    void anExplicitTransportOrAWorkingOneSaysNothing() {
        try (InettyProcess inetty = InettyProcess.serveWithJvmOptions(List.of("-Dio.netty.native.workdir=/proc"),
                "--bind", "127.0.0.1", "--service", "echo/tcp:0", "--transport", "nio")) {
            assertThat(inetty.stderrLines("no native transport")).isEmpty();
        }
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0")) {
            assertThat(inetty.stderrLines("no native transport")).isEmpty();
        }
    }
}
