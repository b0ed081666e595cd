package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on any service, checked with {@code openssl s_client}: a self-signed certificate a client trusts from the
 * written file, a chain from PEM files, TLS 1.2 and 1.3 only, mutual TLS, close_notify at the drain, reloading on
 * SIGHUP and on file changes, and the configuration mistakes (one line, exit 2).
 */
class TlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @BeforeAll
    static void openssl() {
        Tool.require("openssl", "openssl"); // the client of every test here, and the maker of their certificates
    }

    @TempDir
    Path dir;

    /** {@code openssl s_client} to 127.0.0.1:{@code port} with {@code options}, stdin closed, until the server closes. */
    private static Tool client(int port, String... options) {
        String[] command = new String[options.length + 6];
        System.arraycopy(new String[] {"openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost"},
                0, command, 0, 6);
        System.arraycopy(options, 0, command, 6, options.length);
        return Tool.run("", command);
    }

    @Test
    void aSelfSignedCertificateIsTrustedFromItsFileAndOnlyTls12And13AreSpoken() throws Exception {
        Path trust = dir.resolve("trust.pem");
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tls:0,whoami/tls:0,echo:0",
                "--tls-self-signed", "--tls-self-signed-out", trust.toString())) {
            assertThat(inetty.stdout()).anyMatch(l -> l.matches("listening whoami tls 127\\.0\\.0\\.1:\\d+"))
                    .anyMatch(l -> l.matches("listening echo tls 127\\.0\\.0\\.1:\\d+"))
                    .anyMatch(l -> l.matches("listening echo tcp 127\\.0\\.0\\.1:\\d+"));
            String fingerprint = Tool.run("", "openssl", "x509", "-in", trust.toString(), "-noout", "-fingerprint", "-sha256")
                    .output().strip().replaceFirst("(?i)^sha256 Fingerprint=", "");
            assertThat(inetty.stderr()).as("the fingerprint is logged").contains("SHA-256 fingerprint " + fingerprint);
            int whoami = inetty.port("whoami", "tls");
            for (String version : new String[] {"1_3", "1_2"}) {
                Tool c = client(whoami, "-CAfile", trust.toString(), "-verify_return_error", "-tls" + version, "-ign_eof");
                assertThat(c.exitCode()).as("%s", c).isZero();
                assertThat(c.output()).contains("Verify return code: 0 (ok)")
                        .contains("\"tls\":{\"version\":\"TLSv" + version.replace('_', '.') + "\"");
            }
            for (String old : new String[] {"-tls1_1", "-tls1"}) {
                Tool c = client(whoami, "-CAfile", trust.toString(), old, "-cipher", "DEFAULT@SECLEVEL=0");
                assertThat(c.exitCode()).as("%s refused: %s", old, c).isNotZero();
                assertThat(c.output()).doesNotContain("\"service\":\"whoami\"");
            }
        }
    }

    @Test
    void aChainFromPemFilesAndMutualTls() throws Exception {
        Pki pki = new Pki(dir);
        Path chain = pki.server("server", "localhost", true);
        Path clients = pki.file("root.pem");
        Path alice = pki.client("alice", "/CN=alice/O=Example");
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "whoami/tls:0",
                "--tls-cert", chain.toString(), "--tls-key", pki.key("server").toString(), "--tls-client-ca", clients.toString())) {
            int port = inetty.port("whoami", "tls");
            Tool anonymous = client(port, "-CAfile", pki.file("root.pem").toString(), "-ign_eof");
            assertThat(anonymous.output()).as("no client certificate: refused").doesNotContain("\"service\":\"whoami\"");
            Tool c = client(port, "-CAfile", pki.file("root.pem").toString(), "-verify_return_error", "-showcerts",
                    "-cert", alice.toString(), "-key", pki.key("alice").toString(), "-ign_eof");
            assertThat(c.exitCode()).as("%s", c).isZero();
            assertThat(c.output()).as("the intermediate is sent: the client trusts only the root")
                    .contains("Verify return code: 0 (ok)").contains(" 1 s:CN = inetty test intermediate")
                    .contains("\"client\":\"O=Example,CN=alice\"");
            assertThat(inetty.awaitStderrLine("tls_client=", WAIT)).contains("tcp whoami peer=127.0.0.1:")
                    .contains(" tls=TLSv1.3 tls_client=O=Example,CN=alice");
            assertThat(inetty.awaitStderrLine("reason=protocol-error", WAIT)).contains("tcp whoami");
        }
    }

    @Test
    void theDrainSendsCloseNotifyBeforeTheConnectionEnds() throws Exception {
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tls:0", "--tls-self-signed");
             Tool c = Tool.start("openssl", "s_client", "-connect", "127.0.0.1:" + inetty.port("echo", "tls"), "-msg",
                     "-ign_eof")) {
            c.write("hello tls\n");
            c.awaitOutput("\nhello tls\n", WAIT);
            inetty.sigterm();
            c.awaitOutput("<<< TLS 1.3, Alert [length 0002], warning close_notify", WAIT);
            assertThat(c.waitFor(WAIT)).as("%s", c).isZero();
            assertThat(inetty.waitForExit(Duration.ofSeconds(15))).isZero();
        }
    }

    @Test
    void sighupAndFileChangesReloadTheCertificateForNewConnections() throws Exception {
        Pki pki = new Pki(dir);
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        install(pki.server("first", "first.example", false), pki.key("first"), cert, key);
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tls:0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString())) {
            int port = inetty.port("echo", "tls");
            assertThat(client(port).output()).contains("subject=CN = first.example");
            // Written where the watcher could see a half: key first, then the certificate; SIGHUP loads both.
            install(pki.server("second", "second.example", true), pki.key("second"), cert, key);
            inetty.signal("HUP");
            inetty.awaitStderrLine("certificate reloaded", WAIT);
            assertThat(client(port).output()).contains("subject=CN = second.example");
            install(pki.server("third", "third.example", false), pki.key("third"), cert, key);
            long end = System.nanoTime() + WAIT.toNanos();
            while (!client(port).output().contains("subject=CN = third.example") && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertThat(client(port).output()).as("the files are watched").contains("subject=CN = third.example");
            assertThat(inetty.process().isAlive()).isTrue();
        }
    }

    /** Replaces {@code cert} and {@code key} atomically (rename), as a certificate manager does. */
    private static void install(Path chain, Path keyFile, Path cert, Path key) throws Exception {
        Path tmp = Files.copy(keyFile, key.resolveSibling("key.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        tmp = Files.copy(chain, cert.resolveSibling("cert.tmp"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, cert, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void mistakesAreOneLineAndExit2AndAnExpiredCertificateIsAWarning() throws Exception {
        Pki pki = new Pki(dir);
        Path chain = pki.server("server", "localhost", false);
        Path other = pki.server("other", "localhost", false);
        assertUsage("--service: 'echo/tls:0' needs a certificate (expected: --tls-cert FILE --tls-key FILE, or --tls-self-signed)",
                "--service", "echo/tls:0");
        assertUsage("--tls-cert: '/nonexistent/cert.pem' (no such file)", "--service", "echo/tls:0",
                "--tls-cert", "/nonexistent/cert.pem", "--tls-key", pki.key("server").toString());
        assertUsage("--tls-key: '" + pki.key("other") + "' (does not match the certificate '" + chain + "')",
                "--service", "echo/tls:0", "--tls-cert", chain.toString(), "--tls-key", pki.key("other").toString());
        assertUsage("--tls-key: missing (expected together with --tls-cert)", "--service", "echo/tls:0", "--tls-cert", other.toString());
        Path expired = pki.expired("old");
        try (InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tls:0",
                "--tls-cert", expired.toString(), "--tls-key", pki.key("old").toString())) {
            assertThat(inetty.stderrLines("WARN")).anySatisfy(l -> assertThat(l)
                    .contains("certificate '" + expired + "' expired on 2020-02-01T00:00:00Z"));
        }
    }

    private static void assertUsage(String message, String... args) {
        String[] serve = new String[args.length + 3];
        serve[0] = "serve";
        serve[1] = "--bind";
        serve[2] = "127.0.0.1";
        System.arraycopy(args, 0, serve, 3, args.length);
        InettyProcess.Result r = InettyProcess.runInetty(serve);
        assertThat(r.exitCode()).as("%s", r).isEqualTo(2);
        assertThat(r.stderrLines()).as("%s", r).anySatisfy(l -> assertThat(l).contains(message));
        assertThat(r.stderr()).doesNotContain("\tat ");
    }
}
