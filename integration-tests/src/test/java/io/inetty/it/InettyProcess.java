package io.inetty.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The daemon as a real process: {@code java -jar inetty.jar serve ...}. {@link #start} waits for the
 * {@code ready} line and parses the {@code listening <service> <tcp|udp> <address>:<port>} lines before
 * it; {@link #close} sends SIGTERM, waits, and kills the process if it does not end. Standard error is
 * collected in the background for diagnostics. Processes still alive when the test JVM ends are killed.
 */
public final class InettyProcess implements AutoCloseable {
    /** How long the daemon may take from launch to {@code ready}. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    /** How long a graceful stop may take before the process is killed. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private static final Pattern LISTENING = Pattern.compile("listening (\\S+) (tcp|udp|tls|http) (\\[[^\\]]+\\]|[^\\s:]+):(\\d+)");
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(InettyProcess::killTree), "inetty-it-reaper"));
    }

    /** SIGKILL to {@code p} and everything it started (a shell's socat, a prefork script's daemons). */
    static Process killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        return p.destroyForcibly();
    }

    /** Kills {@code p}'s tree if the JVM ends before it does (for processes of other helpers, e.g. {@link Tool}). */
    static void reapAtExit(Process p) {
        LIVE.add(p);
    }

    /** No longer to be reaped at exit (it has ended). */
    static void reaped(Process p) {
        LIVE.remove(p);
    }

    /** One bound socket as announced on standard output. */
    public record Endpoint(String service, String transport, InetSocketAddress address) {
        public int port() {
            return address.getPort();
        }

        public InetAddress ip() {
            return address.getAddress();
        }
    }

    /** The outcome of a command run to its end. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Standard error without blank lines. */
        public List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    private final List<String> command;
    private final Process process;
    private final List<String> stdoutLines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer stderr = new StringBuffer();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private Integer exitCode;

    private InettyProcess(List<String> command, Map<String, String> env) throws IOException {
        this.command = List.copyOf(command);
        ProcessBuilder pb = new ProcessBuilder(command);
        cleanEnvironment(pb.environment());
        pb.environment().putAll(env);
        process = pb.start();
        LIVE.add(process);
        process.getOutputStream().close();
        stdoutReader = new Thread(this::readStdout, "inetty-stdout-" + process.pid());
        stderrReader = new Thread(() -> copy(process.getErrorStream(), stderr), "inetty-stderr-" + process.pid());
        stdoutReader.setDaemon(true);
        stderrReader.setDaemon(true);
        stdoutReader.start();
        stderrReader.start();
    }

    /** Starts {@code inetty serve <args>} and waits until it is ready. */
    public static InettyProcess serve(String... args) {
        return start(Map.of(), List.of(), serveArgs(args));
    }

    /** Like {@link #serve}, but exactly as a user would start it: the access log keeps its default (off). */
    public static InettyProcess serveAsShipped(String... args) {
        return start(Map.of(), List.of(), prepend("serve", args));
    }

    /**
     * Starts {@code java <jvmOptions> -jar inetty.jar serve <args>} (e.g. {@code -Xmx256m}) and waits
     * until it is ready.
     */
    public static InettyProcess serveWithJvmOptions(List<String> jvmOptions, String... args) {
        return start(Map.of(), List.of(), jvmOptions, serveArgs(args));
    }

    /** Starts {@code inetty <args>} (the subcommand included in args) with extra environment variables. */
    public static InettyProcess start(Map<String, String> env, String... args) {
        return start(env, List.of(), List.of(args));
    }

    /**
     * Starts {@code <prefix> java -jar inetty.jar <args>} and waits for {@code ready}. If the process ends
     * or stays silent for {@link #READY_TIMEOUT}, it is killed and an {@link AssertionError} reports its
     * output.
     */
    public static InettyProcess start(Map<String, String> env, List<String> prefix, List<String> args) {
        return start(env, prefix, List.of(), args);
    }

    /** Like {@link #start(Map, List, List)}, with options for the daemon's JVM before {@code -jar}. */
    public static InettyProcess start(Map<String, String> env, List<String> prefix, List<String> jvmOptions,
                                      List<String> args) {
        return launch(env, command(prefix, jvmOptions, jar(), args));
    }

    /** Starts any command that runs {@code inetty serve} (the launcher, the container's entrypoint), waits for ready. */
    public static InettyProcess launch(Map<String, String> env, List<String> command) {
        InettyProcess p = spawn(env, command);
        try {
            p.awaitReady();
            return p;
        } catch (RuntimeException | Error e) {
            p.kill();
            throw e;
        }
    }

    /**
     * Starts a command that runs {@code inetty serve} later (e.g. a socket activator, on the first connection), without
     * waiting: call {@link #awaitReady()} once it should be ready.
     */
    public static InettyProcess spawn(Map<String, String> env, List<String> command) {
        try {
            return new InettyProcess(command, env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits for {@code ready} (see {@link #READY_TIMEOUT}); fails with the output, killing the process, if none comes. */
    public void awaitReady() {
        boolean isReady;
        try {
            isReady = ready.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            kill();
            throw new AssertionError("inetty not ready within " + READY_TIMEOUT + ": " + describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        if (!isReady) {
            waitForExit(Duration.ofSeconds(10));
            throw new AssertionError("inetty ended before 'ready': " + describe());
        }
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                stdoutLines.add(line);
                if (!ready.isDone()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.matches()) {
                        String host = m.group(3);
                        if (host.startsWith("[")) {
                            host = host.substring(1, host.length() - 1);
                        }
                        // A literal: getByName does not look it up.
                        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host),
                                Integer.parseInt(m.group(4)));
                        synchronized (endpoints) {
                            endpoints.add(new Endpoint(m.group(1), m.group(2), address));
                        }
                    } else if (line.equals("ready")) {
                        ready.complete(true);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            stderr.append("[test harness: reading stdout failed: ").append(e).append("]\n");
        } finally {
            ready.complete(false);
        }
    }

    private static void copy(InputStream in, StringBuffer into) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                into.append(line).append('\n');
            }
        } catch (IOException e) {
            into.append("[test harness: reading failed: ").append(e).append("]\n");
        }
    }

    /** Every endpoint announced before {@code ready}, in order. */
    public List<Endpoint> endpoints() {
        synchronized (endpoints) {
            return List.copyOf(endpoints);
        }
    }

    /** The endpoints of one service and transport. */
    public List<Endpoint> endpoints(String service, String transport) {
        return endpoints().stream()
                .filter(e -> e.service().equals(service) && e.transport().equals(transport))
                .toList();
    }

    /** The admin endpoint ({@code listening admin http ADDR:PORT}); fails unless it was announced. */
    public InetSocketAddress admin() {
        List<Endpoint> admin = endpoints("admin", "http");
        if (admin.isEmpty()) {
            throw new AssertionError("no 'listening admin http' line in " + stdout());
        }
        return admin.get(0).address();
    }

    /** The port of a service on a transport; fails unless it is served, on one port for all its addresses. */
    public int port(String service, String transport) {
        Set<Integer> ports = endpoints(service, transport).stream().map(Endpoint::port).collect(Collectors.toSet());
        if (ports.size() != 1) {
            throw new AssertionError("expected one port for " + service + "/" + transport + ", got " + ports
                    + " in " + endpoints());
        }
        return ports.iterator().next();
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Standard output so far. */
    public List<String> stdout() {
        synchronized (stdoutLines) {
            return List.copyOf(stdoutLines);
        }
    }

    /** Standard error so far. */
    public String stderr() {
        return stderr.toString();
    }

    /** Standard error so far, line by line, without blank lines. */
    public List<String> stderrLines() {
        return stderr().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The lines of standard error so far that contain {@code text}. */
    public List<String> stderrLines(String text) {
        return stderrLines().stream().filter(l -> l.contains(text)).toList();
    }

    /**
     * Waits up to {@code timeout} until at least {@code count} lines of standard error contain
     * {@code text}, and returns them all; fails with the output if they do not come.
     */
    public List<String> awaitStderrLines(String text, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = stderrLines(text);
            if (lines.size() >= count) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " line(s) with '" + text + "' on stderr within "
                        + timeout + ", got " + lines.size() + ": " + describe());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits for the first line of standard error that contains {@code text} (see {@link #awaitStderrLines}). */
    public String awaitStderrLine(String text, Duration timeout) {
        return awaitStderrLines(text, 1, timeout).get(0);
    }

    // ---------------------------------------------------------------- the process as Linux sees it

    /** The resident set size of the process (VmRSS of /proc/PID/status), in KiB. */
    public long rssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid() + "/status (has it ended?)", e);
        }
        throw new AssertionError("no VmRSS in /proc/" + pid() + "/status");
    }

    /** The number of open file descriptors of the process (entries of /proc/PID/fd). */
    public int fdCount() {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/" + pid() + "/fd (has it ended?)", e);
        }
    }

    /**
     * Sends SIGTERM (what {@link Process#destroy()} sends on Linux) without waiting. Through the
     * {@link ProcessHandle}: {@code Process.destroy()} also closes the pipes of standard output and error,
     * which would lose what the daemon writes while it stops (access-log lines of drained connections, the
     * UDP aggregate lines).
     */
    public void sigterm() {
        process.toHandle().destroy();
    }

    /** Sends a signal by name (e.g. INT) with {@code kill}. */
    public void signal(String name) {
        Result r = run(Duration.ofSeconds(10), Map.of(), List.of("kill", "-" + name, Long.toString(pid())));
        if (r.exitCode() != 0) {
            throw new AssertionError("kill -" + name + " " + pid() + " failed: " + r);
        }
    }

    /** Waits up to {@code timeout} for the process to end; returns its exit code, or null if still running. */
    public Integer waitForExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stdoutReader.join(2000);
                stderrReader.join(2000);
                LIVE.remove(process);
                exitCode = process.exitValue();
                return exitCode;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** SIGTERM, then waits for the exit; kills and fails if it does not end within {@link #STOP_TIMEOUT}. */
    public int stop() {
        if (exitCode != null) {
            return exitCode;
        }
        sigterm();
        Integer code = waitForExit(STOP_TIMEOUT);
        if (code == null) {
            kill();
            throw new AssertionError("inetty did not stop within " + STOP_TIMEOUT + " of SIGTERM: " + describe());
        }
        return code;
    }

    /** Kills the process at once (SIGKILL) and waits for it. */
    public void kill() {
        killTree(process);
        waitForExit(Duration.ofSeconds(10));
    }

    /** Stops the process (see {@link #stop()}); never leaves it running. */
    @Override
    public void close() {
        if (exitCode == null && process.isAlive()) {
            stop();
        } else if (exitCode == null) {
            waitForExit(Duration.ofSeconds(5));
        }
    }

    /** The command, exit state and output, for failure messages. */
    public String describe() {
        return String.join(" ", command) + "\n  alive: " + process.isAlive()
                + (process.isAlive() ? "" : ", exit " + process.exitValue())
                + "\n--- stdout:\n" + String.join("\n", stdout()) + "\n--- stderr:\n" + stderr();
    }

    @Override
    public String toString() {
        return "inetty pid " + pid();
    }

    // ---------------------------------------------------------------- commands run to their end

    /** Runs {@code inetty <args>} to its end (at most 60 s). */
    public static Result runInetty(String... args) {
        return runInetty(Map.of(), List.of(), List.of(args));
    }

    /** Runs {@code <prefix> java -jar inetty.jar <args>} with extra environment variables, to its end. */
    public static Result runInetty(Map<String, String> env, List<String> prefix, List<String> args) {
        return run(Duration.ofSeconds(60), env, command(prefix, List.of(), jar(), args));
    }

    /**
     * Runs any command to its end and captures its exit code and output. Fails (after killing it) if it
     * takes longer than {@code timeout}.
     */
    public static Result run(Duration timeout, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        cleanEnvironment(pb.environment());
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        LIVE.add(p);
        try {
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p).waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command + " did not end within " + timeout + "; stdout: "
                        + out.getNow("?") + " stderr: " + err.getNow("?"));
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException | IOException e) {
            throw new AssertionError("reading the output of " + command + " failed", e);
        } finally {
            killTree(p);
            LIVE.remove(p);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(UTF_8);
        } catch (IOException e) {
            return "[test harness: reading failed: " + e + "]";
        }
    }

    // ---------------------------------------------------------------- the jar and the command line

    /** The daemon jar (system property {@code inetty.jar}); fails with advice if it is missing. */
    public static Path jar() {
        String property = System.getProperty("inetty.jar");
        if (property == null) {
            throw new AssertionError("system property inetty.jar is not set (the surefire configuration of"
                    + " integration-tests/pom.xml sets it to cli/target/inetty.jar)");
        }
        Path jar = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("daemon jar " + jar + " not found: build it first with"
                    + " 'mvn -B -DskipTests package -pl cli -am' (or run 'mvn verify' from the root)");
        }
        return jar;
    }

    /** The java launcher of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> command(List<String> prefix, Path jar, List<String> args) {
        return command(prefix, List.of(), jar, args);
    }

    static List<String> command(List<String> prefix, List<String> jvmOptions, Path jar, List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(java());
        // No hsperfdata files: the daemon may run as another user (nobody) in some tests.
        cmd.add("-XX:-UsePerfData");
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        return cmd;
    }

    /**
     * {@code serve <args>}, with {@code --access-log} unless the args choose: many tests read the access
     * log to see what the server did (its default is off).
     */
    private static List<String> serveArgs(String... args) {
        List<String> out = prepend("serve", args);
        if (!out.contains("--access-log") && !out.contains("--no-access-log")) {
            out.add(1, "--access-log");
        }
        return out;
    }

    private static List<String> prepend(String first, String... rest) {
        List<String> out = new ArrayList<>();
        out.add(first);
        out.addAll(List.of(rest));
        return out;
    }

    /**
     * No INETTY_* variables leak in from the environment of the build, and no JVM option variables
     * (their "Picked up ..." notice would be an extra line on standard error).
     */
    private static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("INETTY_"));
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("_JAVA_OPTIONS");
    }
}
