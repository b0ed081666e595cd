package io.inetty.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP reloads and never stops; a SIGINT the process inherited as ignored stays ignored (SIGTERM stops it). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalsTest {
    @TempDir
    Path tmp;

    private static String quote(InettyProcess inetty) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", inetty.port("qotd", "tcp")), Wire.TIMEOUT_MS);
            s.setSoTimeout(Wire.TIMEOUT_MS);
            return new String(Wire.readToEof(s.getInputStream(), 600), US_ASCII).strip();
        }
    }

    @Test
    void sighupReloadsTheQuotesFileKeepsTheOldOnesIfItIsBadAndNeverStops() throws IOException {
        Path quotes = Files.writeString(tmp.resolve("quotes.txt"), "Before the reload.\n", US_ASCII);
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "qotd/tcp:0",
                "--quotes", quotes.toString())) {
            assertThat(quote(inetty)).isEqualTo("Before the reload.");
            Files.writeString(quotes, "After the reload.\n", US_ASCII);
            inetty.signal("HUP");
            inetty.awaitStderrLine("SIGHUP: reloaded 1 quote from " + quotes, Duration.ofSeconds(10));
            assertThat(quote(inetty)).isEqualTo("After the reload.");

            Files.write(quotes, new byte[] {(byte) 0xff, '\n'});
            inetty.signal("HUP");
            assertThat(inetty.awaitStderrLine("SIGHUP: --quotes: ", Duration.ofSeconds(10)))
                    .contains("WARN", "is not US-ASCII text", "still serving what was loaded before");
            assertThat(quote(inetty)).isEqualTo("After the reload.");
            assertThat(inetty.process().isAlive()).isTrue();
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void sighupWithoutAQuotesFileIsLoggedAndChangesNothing() {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0")) {
            inetty.signal("HUP");
            inetty.awaitStderrLine("SIGHUP: nothing to reload", Duration.ofSeconds(10));
            assertThat(inetty.process().isAlive()).isTrue();
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void anInheritedIgnoredSigintStaysIgnoredAndSigtermStops() throws Exception {
        // What a non-interactive shell does to a background job: SIGINT ignored, then exec.
        List<String> ignoringInt = List.of("/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\"");
        try (InettyProcess inetty = InettyProcess.start(Map.of(), ignoringInt,
                List.of("serve", "--bind", "127.0.0.1", "--service", "echo/tcp:0"))) {
            inetty.signal("INT");
            assertThat(inetty.waitForExit(Duration.ofSeconds(2))).as("still running after SIGINT").isNull();
            assertThat(inetty.stop()).isZero();
        }
    }
}
