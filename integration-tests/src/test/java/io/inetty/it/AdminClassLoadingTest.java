package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A lean start: without {@code --admin}, no class of the admin, its HTTP codec, Prometheus or Jackson is loaded. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminClassLoadingTest {
    private static final List<String> ADMIN = List.of(" io.inetty.admin.", " io.prometheus.", " com.fasterxml.",
            " io.netty.handler.codec.http.");

    @TempDir
    Path tmp;

    @Test
    void nothingOfTheAdminLoadsUnlessItIsOn() throws Exception {
        Path without = tmp.resolve("without.log");
        try (InettyProcess inetty = InettyProcess.serveWithJvmOptions(List.of("-Xlog:class+load=info:file=" + without),
                "--bind", "127.0.0.1", "--service", "echo:0")) {
            assertThat(inetty.endpoints("admin", "http")).isEmpty();
        }
        List<String> loaded = Files.readAllLines(without);
        assertThat(loaded).hasSizeGreaterThan(500);
        assertThat(loaded).noneMatch(l -> ADMIN.stream().anyMatch(l::contains));

        Path with = tmp.resolve("with.log");
        try (InettyProcess inetty = InettyProcess.serveWithJvmOptions(List.of("-Xlog:class+load=info:file=" + with),
                "--bind", "127.0.0.1", "--service", "echo:0", "--admin", "127.0.0.1:0")) {
            assertThat(Curl.get(inetty.admin(), "/metrics").status()).isEqualTo(200);
        }
        List<String> loadedWith = Files.readAllLines(with);
        for (String prefix : ADMIN) {
            assertThat(loadedWith).as("with --admin, %s is loaded (the check above can fail)", prefix)
                    .anyMatch(l -> l.contains(prefix));
        }
    }
}
