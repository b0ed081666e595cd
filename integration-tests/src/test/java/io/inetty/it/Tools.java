package io.inetty.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.inetty.it.InettyProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Third-party clients of the black-box tests ({@code socat}, {@code nc}, {@code python3}): found on the PATH, or
 * the test fails naming the Debian package (tests never skip; {@code .ci/run} installs them).
 */
final class Tools {
    /** Prints the milliseconds of one TCP round trip of 'ping' to 127.0.0.1:ARGV1. */
    static final String RTT = String.join("\n",
            "import socket, sys, time",
            "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5)",
            "t = time.monotonic(); s.sendall(b'ping'); got = b''",
            "while len(got) < 4: got += s.recv(4 - len(got))",
            "print(round((time.monotonic() - t) * 1000))");

    /** Connects to 127.0.0.1:ARGV1, sends a byte, prints how the connection ends: ECONNRESET, EOF or DATA. */
    static final String HOW_IT_ENDS = String.join("\n",
            "import socket, sys",
            "s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5)",
            "try:",
            "    s.sendall(b'x')",
            "    print('EOF' if s.recv(10) == b'' else 'DATA')",
            "except ConnectionResetError:",
            "    print('ECONNRESET')");

    /** Sends datagrams 0..ARGV2-1 to 127.0.0.1:ARGV1 in one burst, prints the numbers of the replies. */
    static final String UDP_BURST = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.connect(('127.0.0.1', int(sys.argv[1])))",
            "for i in range(int(sys.argv[2])): s.send(str(i).encode())",
            "s.settimeout(5); got = []", // a daemon just started may take a while for its first answer
            "try:",
            "    while True: got.append(s.recv(2048).decode()); s.settimeout(1)",
            "except socket.timeout: pass",
            "print(' '.join(got))");

    private Tools() {
    }

    /** The path of {@code tool}, or a failure naming {@code debianPackage}. */
    static String require(String tool, String debianPackage) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path + ":/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return fail(tool + " is not installed (Debian package '" + debianPackage + "'; .ci/run installs it: apt-get"
                + " install " + debianPackage + "). This test requires it and does not skip.");
    }

    /**
     * Checks that {@code serve --bind 127.0.0.1 --service echo:0 OPTION SPEC} is a usage error whose one line names
     * the option, the spec as typed and {@code message}.
     */
    static void assertBadOption(String option, String spec, String message) {
        String line = BadInputTest.assertFails(InettyProcess.runInetty(Map.of(), List.of(),
                List.of("serve", "--bind", "127.0.0.1", "--service", "echo:0", option, spec)), 2);
        assertThat(line).contains(option + ": '" + spec + "'").contains(message);
    }

    /** Runs {@code python3 -c script args...} to its end (at most 60 s). */
    static Result python(String script, Object... args) {
        List<String> command = new ArrayList<>(List.of(require("python3", "python3"), "-c", script));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        return InettyProcess.run(Duration.ofSeconds(60), Map.of(), command);
    }

    /**
     * Runs Debian's {@code /usr/bin/python3} (the one Debian's python3-* modules are installed for, whatever python3
     * comes first on the PATH) with {@code -c script args...}, once {@code module} imports; a failure names
     * {@code debianPackage} otherwise.
     */
    static Result debianPython(String module, String debianPackage, String script, Object... args) {
        String python = "/usr/bin/python3";
        if (!Files.isExecutable(Path.of(python))
                || InettyProcess.run(Duration.ofSeconds(30), Map.of(), List.of(python, "-c", "import " + module))
                        .exitCode() != 0) {
            fail("/usr/bin/python3 cannot import " + module + " (Debian package '" + debianPackage + "'; .ci/run"
                    + " installs it: apt-get install " + debianPackage + "). This test requires it and does not skip.");
        }
        List<String> command = new ArrayList<>(List.of(python, "-c", script));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        return InettyProcess.run(Duration.ofSeconds(60), Map.of(), command);
    }

    /** Runs a shell pipeline (for {@code printf ... | socat ...}) to its end (at most 60 s). */
    static Result shell(String pipeline) {
        return InettyProcess.run(Duration.ofSeconds(60), Map.of(), List.of("sh", "-c", pipeline));
    }
}
