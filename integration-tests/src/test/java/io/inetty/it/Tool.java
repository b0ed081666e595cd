package io.inetty.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A third-party program the black-box tests drive (openssl, haproxy, socat, python3), as a child process with its
 * standard input open and its output captured. Required, never skipped: a missing one fails naming its package.
 */
final class Tool implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final List<String> command;

    private Tool(List<String> command) {
        this.command = command;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
        InettyProcess.reapAtExit(process);
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    output.append(new String(buf, 0, n, UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "tool-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Fails unless {@code program} is on the PATH, naming the Debian package that brings it. */
    static void require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        fail(program + " is not installed (Debian package '" + debianPackage + "'; .ci/run installs it: apt-get install "
                + debianPackage + "). This test requires it and does not skip.");
    }

    /** Starts {@code command}; close it (or let it end) when done. */
    static Tool start(String... command) {
        return new Tool(List.of(command));
    }

    /** Runs {@code command} with {@code input} on its standard input (then closed) to its end, at most 30 s. */
    static Tool run(String input, String... command) {
        Tool t = start(command);
        t.write(input);
        t.closeInput();
        t.waitFor(Duration.ofSeconds(30));
        return t;
    }

    void write(String text) {
        try {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it has ended already
        }
    }

    /** Everything it printed so far (standard output and error). */
    String output() {
        return output.toString();
    }

    /** Waits until its output contains {@code text}; fails after {@code timeout}. */
    String awaitOutput(String text, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (System.nanoTime() > end) {
                fail(command + ": no '" + text + "' within " + timeout + "; output: " + output());
            }
            sleep(20);
        }
        return output();
    }

    /** Waits for its end; fails (after killing it) if it does not end within {@code timeout}. Returns the exit code. */
    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                fail(command + " did not end within " + timeout + "; output: " + output());
            }
            InettyProcess.reaped(process); // it has ended: nothing left to kill at exit
            sleep(50); // the reader takes the last bytes
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int exitCode() {
        return waitFor(Duration.ofSeconds(30));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                InettyProcess.killTree(process).waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            InettyProcess.reaped(process);
        }
    }

    @Override
    public String toString() {
        return command + ": " + output();
    }
}
