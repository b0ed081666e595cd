package io.inetty.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/Dockerfile without a Docker engine: its runtime stage is checked statically, and its exact
 * ENTRYPOINT + CMD command line is run as a process with its ENV (the image's jar path replaced by the
 * built jar), on loopback and ephemeral ports, then stopped the way {@code docker stop} does (SIGTERM).
 */
class DockerEntrypointTest {
    private static final String IMAGE_JAR = "/opt/inetty/inetty.jar";
    private static final String IMAGE_JSA = "/opt/inetty/inetty.jsa";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("listening (\\S+) (tcp|udp) (\\S+):(\\d+)");

    private static Path repo;
    private static Dockerfile dockerfile;

    @BeforeAll
    static void parse() throws IOException {
        repo = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("..")
                .toAbsolutePath().normalize();
        dockerfile = Dockerfile.parse(repo.resolve("docker/Dockerfile"));
    }

    @Test
    void runtimeStageIsNonRootExposesEveryServiceAndHasAHealthcheck() {
        Stage runtime = dockerfile.runtime();

        assertThat(dockerfile.stages()).as("multi-stage build").hasSizeGreaterThanOrEqualTo(2);
        for (Stage stage : dockerfile.stages()) {
            String image = stage.from().split("\\s+")[0];
            assertThat(image).as("FROM %s pins a tag", image).matches("[^:@]+:[^:]*\\d[^:]*(@sha256:[0-9a-f]{64})?")
                    .doesNotContain(":latest");
        }

        String user = runtime.last("USER");
        assertThat(user).as("USER").isNotNull();
        String name = user.split(":")[0].trim();
        assertThat(name).as("USER is not root").isNotIn("root", "0").isNotEmpty();

        Set<String> exposed = new TreeSet<>();
        for (String args : runtime.all("EXPOSE")) {
            for (String port : args.trim().split("\\s+")) {
                exposed.add(port.contains("/") ? port.toLowerCase(Locale.ROOT) : port + "/tcp");
            }
        }
        Set<String> expected = new TreeSet<>();
        for (int port : new int[] {7, 9, 13, 17, 19, 37, 4242}) {
            expected.add(port + "/tcp");
            expected.add(port + "/udp");
        }
        assertThat(exposed).as("EXPOSE").containsAll(expected);

        String healthcheck = runtime.last("HEALTHCHECK");
        assertThat(healthcheck).as("HEALTHCHECK").isNotNull();
        assertThat(healthcheck.trim().toUpperCase(Locale.ROOT)).as("HEALTHCHECK").isNotEqualTo("NONE");
        assertThat(healthcheck).contains(" CMD ").contains(IMAGE_JAR + " check echo ");

        List<String> entrypoint = runtime.execForm("ENTRYPOINT");
        assertThat(entrypoint).as("ENTRYPOINT in exec form, JVM as PID 1").isNotEmpty();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("-jar", IMAGE_JAR);
        assertThat(runtime.execForm("CMD")).as("CMD").containsExactly("serve");
    }

    @Test
    void buildStageCopiesEveryModulePomBeforeResolvingDependencies() throws IOException {
        List<String> modules = new ArrayList<>();
        modulesOf("", modules);
        assertThat(modules).isNotEmpty();
        List<String> copies = dockerfile.stages().get(0).all("COPY").stream().map(String::trim).toList();
        assertThat(copies).contains("pom.xml ./");
        for (String module : modules) {
            assertThat(copies).as("docker/Dockerfile copies the POM of module %s (Maven reads every module)", module)
                    .contains(module + "/pom.xml " + module + "/");
        }
    }

    /** The modules of the POM in {@code dir} and, recursively, of theirs (e.g. {@code junit-compat/jupiter-6}). */
    private static void modulesOf(String dir, List<String> out) throws IOException {
        String pom = Files.readString(repo.resolve(dir).resolve("pom.xml"), UTF_8);
        Matcher m = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>").matcher(pom);
        while (m.find()) {
            String module = dir.isEmpty() ? m.group(1) : dir + "/" + m.group(1);
            out.add(module);
            modulesOf(module, out);
        }
    }

    @Test
    void healthcheckFollowsThePortOffset(@TempDir Path bin) throws Exception {
        // The healthcheck runs through /bin/sh; a stand-in 'java' prints what it would be given.
        String healthcheck = dockerfile.runtime().last("HEALTHCHECK");
        String command = healthcheck.substring(healthcheck.indexOf(" CMD ") + " CMD ".length());
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n", US_ASCII);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Map.Entry<String, String> c : Map.of("", "127.0.0.1:7", "10000", "127.0.0.1:10007").entrySet()) {
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
            pb.environment().put("PATH", bin + ":" + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
            pb.environment().remove("INETTY_PORT_OFFSET");
            if (!c.getKey().isEmpty()) {
                pb.environment().put("INETTY_PORT_OFFSET", c.getKey());
            }
            Process p = pb.start();
            try {
                String out = new String(p.getInputStream().readAllBytes(), UTF_8).trim();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out).endsWith(IMAGE_JAR + " check echo " + c.getValue());
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void entrypointServesAndStopsCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
        Stage runtime = dockerfile.runtime();
        List<String> command = entrypoint();
        Map<String, String> env = runtime.env();
        assertThat(env).as("ENV").isNotEmpty().allSatisfy((k, v) -> assertThat(k).startsWith("INETTY_"));
        Path stderr = tmp.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("INETTY_"));
        pb.environment().putAll(env);
        // Loopback, ephemeral ports: a test never binds the real ports nor a public address.
        pb.environment().put("INETTY_BIND", "127.0.0.1");
        pb.environment().put("INETTY_SERVICE", "echo:0,time:0");

        Process process = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
            CompletableFuture<List<String>> ready = CompletableFuture.supplyAsync(() -> readUntilReady(out));
            List<String> lines;
            try {
                lines = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no 'ready' within " + READY_TIMEOUT + "; stderr:\n" + read(stderr), e);
            }
            assertThat(lines).as("stdout; stderr:\n%s", read(stderr)).endsWith("ready");

            Map<String, Integer> ports = new LinkedHashMap<>();
            Set<String> sockets = new TreeSet<>();
            for (String line : lines.subList(0, lines.size() - 1)) {
                Matcher m = LISTENING.matcher(line);
                assertThat(m.matches()).as("stdout line '%s'", line).isTrue();
                assertThat(m.group(3)).isEqualTo("127.0.0.1");
                sockets.add(m.group(1) + "/" + m.group(2));
                ports.put(m.group(1), Integer.parseInt(m.group(4)));
            }
            assertThat(sockets).containsExactly("echo/tcp", "echo/udp", "time/tcp", "time/udp");

            byte[] sent = "inetty in a container\r\n".getBytes(US_ASCII);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", ports.get("echo")), 5_000);
                s.setSoTimeout(10_000);
                OutputStream os = s.getOutputStream();
                os.write(sent);
                os.flush();
                s.shutdownOutput();
                assertThat(s.getInputStream().readAllBytes()).as("echo round trip").isEqualTo(sent);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", ports.get("time")), 5_000);
                s.setSoTimeout(10_000);
                assertThat(s.getInputStream().readAllBytes()).as("time").hasSize(4);
            }

            process.destroy(); // SIGTERM, as docker stop sends to PID 1
            assertThat(process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("exited within %s of SIGTERM", EXIT_TIMEOUT).isTrue();
            assertThat(process.exitValue()).as("exit code after SIGTERM; stderr:\n%s", read(stderr)).isZero();

            if ("json".equalsIgnoreCase(env.get("INETTY_LOG_FORMAT"))) {
                List<String> logs = Files.readAllLines(stderr, UTF_8).stream().filter(l -> !l.isBlank()).toList();
                assertThat(logs).as("JSON log lines on stderr").isNotEmpty()
                        .allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void entrypointServesTheSocketsASocketActivatorPasses() {
        // The JVM is the entrypoint's process itself (exec form), so LISTEN_PID names it, as with podman's or
        // systemd's socket activation of a container.
        SocketActivationTest.require(SocketActivationTest.ACTIVATE, "systemd");
        int port = Wire.freePort();
        List<String> command = new ArrayList<>(List.of(SocketActivationTest.ACTIVATE, "-l", "127.0.0.1:" + port,
                "--fdname=echo"));
        command.addAll(entrypoint());
        try (InettyProcess inetty = InettyProcess.spawn(dockerfile.runtime().env(), command)) {
            inetty.awaitStderrLine("Listening on 127.0.0.1:" + port, Duration.ofSeconds(15));
            assertThat(SocketActivationTest.tcp(port, "activated container\n")).as(inetty.describe())
                    .isEqualTo("activated container\n");
            inetty.awaitReady();
            assertThat(inetty.endpoints()).extracting(e -> e.service() + "/" + e.transport() + " " + e.port())
                    .containsExactly("echo/tcp " + port);
            assertThat(inetty.stop()).isZero();
        }
    }

    @Test
    void threadDumpOfSigquitGoesToStandardErrorNotToTheStdoutProtocol() {
        Map<String, String> env = new LinkedHashMap<>(dockerfile.runtime().env());
        env.putAll(Map.of("INETTY_BIND", "127.0.0.1", "INETTY_SERVICE", "echo:0"));
        LauncherTest.assertThreadDumpOnStderr(InettyProcess.launch(env, entrypoint()));
    }

    @Test
    void theReadmesNameTheJarWhereTheImageInstallsIt() throws IOException {
        for (String doc : new String[] {"README.md", "docker/README.md"}) {
            Matcher jar = Pattern.compile("-jar\"?,? +\"?(/[^\\s\"]+\\.jar)").matcher(Files.readString(repo.resolve(doc), UTF_8));
            while (jar.find()) {
                assertThat(jar.group(1)).as("a -jar path in %s", doc).isEqualTo(IMAGE_JAR);
            }
        }
    }

    /** ENTRYPOINT + CMD of the runtime stage, with the built jar (and its archive) and this JVM's java. */
    private static List<String> entrypoint() {
        return entrypoint(dockerfile, repo);
    }

    /** ENTRYPOINT + CMD of {@code dockerfile}'s runtime stage, with the jar built in {@code repo}. */
    static List<String> entrypoint(Dockerfile dockerfile, Path repo) {
        Stage runtime = dockerfile.runtime();
        Path jar = Path.of(System.getProperty("inetty.jar", repo.resolve("cli/target/inetty.jar").toString()));
        assertThat(jar).as("the built jar (mvn package)").isRegularFile();
        List<String> command = new ArrayList<>(runtime.execForm("ENTRYPOINT"));
        command.addAll(runtime.execForm("CMD"));
        assertThat(command).contains(IMAGE_JAR);
        command.replaceAll(arg -> arg.equals(IMAGE_JAR) ? jar.toString()
                : arg.equals("-XX:SharedArchiveFile=" + IMAGE_JSA) ? "-XX:SharedArchiveFile=" + jar.resolveSibling("inetty.jsa") : arg);
        // The image's 'java' on PATH is its JRE; here, the JVM running this test.
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return command;
    }

    private static List<String> readUntilReady(BufferedReader out) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.equals("ready")) {
                    break;
                }
            }
        } catch (IOException e) {
            lines.add("(stdout: " + e + ")");
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, UTF_8) : "";
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** One build stage: its FROM arguments and its instructions (keyword upper-cased, arguments as written). */
    record Stage(String from, List<String[]> instructions) {
        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
        }

        String last(String keyword) {
            List<String> all = all(keyword);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        /** The last {@code keyword} instruction as an exec-form JSON array of strings. */
        List<String> execForm(String keyword) {
            String args = last(keyword);
            assertThat(args).as(keyword).isNotNull();
            return JsonStrings.parse(args.trim());
        }

        /** ENV, one or more {@code KEY=VALUE} per instruction, values without quotes or spaces. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String args : all("ENV")) {
                assertThat(args).as("ENV %s: unquoted KEY=VALUE pairs", args).doesNotContain("\"", "'", "$");
                for (String pair : args.trim().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    assertThat(eq).as("ENV %s: KEY=VALUE form", pair).isPositive();
                    env.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return env;
        }
    }

    /** The instructions of a Dockerfile: comments dropped, line continuations joined, grouped by stage. */
    record Dockerfile(List<Stage> stages) {
        Stage runtime() {
            return stages.get(stages.size() - 1);
        }

        static Dockerfile parse(Path file) throws IOException {
            List<Stage> stages = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            List<String> instructions = new ArrayList<>();
            for (String line : Files.readAllLines(file, UTF_8)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() > 0)) {
                    continue; // comments and empty lines may stand inside a continued instruction too
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                current.append(trimmed);
                if (current.length() > 0) {
                    instructions.add(current.toString());
                }
                current.setLength(0);
            }
            assertThat(current.toString()).as("%s ends inside a continued instruction", file).isEmpty();
            String from = null;
            List<String[]> body = new ArrayList<>();
            for (String instruction : instructions) {
                String[] parts = instruction.split("\\s+", 2);
                String keyword = parts[0].toUpperCase(Locale.ROOT);
                String args = parts.length > 1 ? parts[1] : "";
                if (keyword.equals("FROM")) {
                    if (from != null) {
                        stages.add(new Stage(from, body));
                    }
                    from = args;
                    body = new ArrayList<>();
                } else {
                    assertThat(from).as("%s before any FROM", keyword).isNotNull();
                    body.add(new String[] {keyword, args});
                }
            }
            assertThat(from).as("%s has a FROM", file).isNotNull();
            stages.add(new Stage(from, body));
            return new Dockerfile(List.copyOf(stages));
        }
    }

    /** A JSON array of strings, as Docker reads an exec-form instruction. */
    static final class JsonStrings {
        private final String s;
        private int i;

        private JsonStrings(String s) {
            this.s = s;
        }

        static List<String> parse(String json) {
            JsonStrings p = new JsonStrings(json);
            List<String> out = p.array();
            p.space();
            assertThat(p.i).as("exec form, nothing after the array: %s", json).isEqualTo(json.length());
            return out;
        }

        private List<String> array() {
            List<String> out = new ArrayList<>();
            expect('[');
            space();
            if (peek() == ']') {
                i++;
                return out;
            }
            while (true) {
                space();
                out.add(string());
                space();
                char c = next();
                if (c == ']') {
                    return out;
                }
                assertThat(c).as("exec form: ',' or ']' in %s", s).isEqualTo(',');
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            for (char c; (c = next()) != '"'; ) {
                if (c == '\\') {
                    char e = next();
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e); // \" \\ \/
                    }
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        private void expect(char c) {
            assertThat(next()).as("exec form: '%s' in %s", c, s).isEqualTo(c);
        }

        private char peek() {
            assertThat(i).as("exec form: unterminated %s", s).isLessThan(s.length());
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
