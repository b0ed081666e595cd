package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --admin} and {@code --admin-token-file}: mistakes exit 2 (or 3: could not start) naming what was typed. */
class AdminOptionsCliTest {
    @TempDir
    Path tmp;

    private static String fails(int code, Map<String, String> env, String... args) {
        Cli cli = new Cli(env);
        String[] all = new String[args.length + 3];
        all[0] = "serve";
        all[1] = "--service";
        all[2] = "echo:0";
        System.arraycopy(args, 0, all, 3, args.length);
        assertThat(cli.run(all)).as(cli.err.toString()).isEqualTo(code);
        assertThat(cli.out.toString()).as("nothing on standard output").isEmpty();
        return cli.errLine();
    }

    @Test
    void aBadAddressIsAUsageError() {
        assertThat(fails(2, Map.of(), "--admin", "nonsense")).isEqualTo("inetty serve: --admin: 'nonsense' (expected:"
                + " HOST:PORT, e.g. 127.0.0.1:9090 or [::1]:9090; port 0 = ephemeral) (see 'inetty serve --help')");
        assertThat(fails(2, Map.of("INETTY_ADMIN", "127.0.0.1:99999")))
                .startsWith("inetty serve: INETTY_ADMIN: '127.0.0.1:99999' (expected: HOST:PORT");
        assertThat(fails(2, Map.of(), "--admin", "::1:9090")).startsWith("inetty serve: --admin: '::1:9090' (expected");
    }

    @Test
    void offLoopbackATokenFileIsRequired() {
        assertThat(fails(2, Map.of(), "--admin", "0.0.0.0:0")).startsWith("inetty serve: --admin: '0.0.0.0:0' is not a"
                + " loopback address (expected: --admin-token-file FILE as well, or a loopback address such as"
                + " 127.0.0.1:0)");
        assertThat(fails(2, Map.of("INETTY_ADMIN", "0.0.0.0:9090"))).startsWith("inetty serve: INETTY_ADMIN:"
                + " '0.0.0.0:9090' is not a loopback address (expected: --admin-token-file FILE as well");
    }

    @Test
    void tokenFileMistakesNameTheOptionAndTheFile() throws IOException {
        Path missing = tmp.resolve("missing");
        assertThat(fails(2, Map.of(), "--admin", "127.0.0.1:0", "--admin-token-file", missing.toString()))
                .startsWith("inetty serve: --admin-token-file: cannot read " + missing + ": ");
        Path empty = Files.writeString(tmp.resolve("empty"), "\n", StandardCharsets.US_ASCII);
        assertThat(fails(2, Map.of("INETTY_ADMIN_TOKEN_FILE", empty.toString()), "--admin", "127.0.0.1:0"))
                .startsWith("inetty serve: INETTY_ADMIN_TOKEN_FILE: " + empty + ": token: empty");
        assertThat(fails(2, Map.of(), "--admin-token-file", empty.toString())).startsWith(
                "inetty serve: --admin-token-file: given without --admin (expected: --admin HOST:PORT as well)");
    }

    @Test
    void anAddressThatCannotBeUsedCannotStart() throws IOException {
        assertThat(fails(3, Map.of(), "--admin", "no-such-host.invalid:0"))
                .isEqualTo("inetty serve: --admin: cannot resolve 'no-such-host.invalid': no such host name");
        try (ServerSocket taken = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThat(fails(3, Map.of(), "--admin", "127.0.0.1:" + port))
                    .startsWith("inetty serve: --admin: cannot bind 127.0.0.1:" + port + ": ");
        }
    }
}
