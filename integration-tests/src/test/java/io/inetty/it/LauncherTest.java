package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.it.InettyProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./inetty} launcher, run from a copy of it in a scratch checkout that holds the built jar: its JVM flags
 * (VM output on standard error) and its build step (the modules it watches, no colour codes).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LauncherTest {
    @TempDir
    Path checkout;

    private Path launcher(Duration age) throws IOException {
        return launcher(checkout, age);
    }

    /** {@code checkout}/inetty and {@code checkout}/cli/target/inetty.jar, the jar {@code age} old. */
    static Path launcher(Path checkout, Duration age) throws IOException {
        Path repo = InettyProcess.jar().getParent().getParent().getParent();
        Path launcher = Files.copy(repo.resolve("inetty"), checkout.resolve("inetty"));
        Path jar = Files.copy(InettyProcess.jar(), Files.createDirectories(checkout.resolve("cli/target")).resolve("inetty.jar"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minus(age)));
        return launcher;
    }

    @Test
    void threadDumpOfSigquitGoesToStandardErrorNotToTheStdoutProtocol() throws IOException {
        Path launcher = launcher(Duration.ZERO);
        assertThreadDumpOnStderr(InettyProcess.launch(Map.of(),
                List.of(launcher.toString(), "serve", "--bind", "127.0.0.1", "--service", "echo:0")));
    }

    /** SIGQUIT: the JVM's thread dump goes to standard error, standard output keeps the stable protocol. */
    static void assertThreadDumpOnStderr(InettyProcess started) {
        try (InettyProcess inetty = started) {
            inetty.signal("QUIT");
            inetty.awaitStderrLine("Full thread dump", Duration.ofSeconds(10));
            assertThat(inetty.stdout()).as(inetty.describe()).allMatch(l -> l.startsWith("listening ") || l.equals("ready"));
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void aChangedBenchSourceRebuildsWithoutColourCodes() throws IOException {
        Path launcher = launcher(Duration.ofDays(1));
        // A reactor that builds in a second (POM packaging) stands in for the project; the jar stays the real one.
        String project = "<project><modelVersion>4.0.0</modelVersion>%s<artifactId>%s</artifactId><packaging>pom</packaging>%s</project>";
        Files.writeString(checkout.resolve("pom.xml"), String.format(project,
                "<groupId>t</groupId><version>1</version>", "p", "<modules><module>cli</module></modules>"));
        Files.writeString(checkout.resolve("cli/pom.xml"), String.format(project,
                "<parent><groupId>t</groupId><artifactId>p</artifactId><version>1</version></parent>", "cli", ""));
        for (String pom : new String[] {"pom.xml", "cli/pom.xml"}) {
            Files.setLastModifiedTime(checkout.resolve(pom), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }
        Files.writeString(Files.createDirectories(checkout.resolve("bench/src")).resolve("Changed.java"), "");
        Result r = InettyProcess.run(Duration.ofSeconds(150), Map.of(), List.of(launcher.toString(), "--version"));
        assertThat(r.exitCode()).as("%s", r).isZero();
        assertThat(r.stderr()).as("%s", r).startsWith("inetty: building").doesNotContain("\u001b");
        assertThat(r.stdout()).startsWith("inetty ");
    }
}
