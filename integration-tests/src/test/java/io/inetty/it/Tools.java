package io.inetty.it;

import static org.assertj.core.api.Assertions.fail;

import io.inetty.it.InettyProcess.Result;
import java.net.URISyntaxException;
import java.net.URL;
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
    static final String RTT = "rtt.py";

    /** Connects to 127.0.0.1:ARGV1, sends a byte, prints how the connection ends: ECONNRESET, EOF or DATA. */
    static final String HOW_IT_ENDS = "how_it_ends.py";

    /** Sends datagrams 0..ARGV2-1 to 127.0.0.1:ARGV1 in one burst, prints the numbers of the replies. */
    static final String UDP_BURST = "udp_burst.py";

    private Tools() {
    }

    /** The path of the Python script {@code name} of this module's test resources ({@code python/}). */
    static String script(String name) {
        URL url = Tools.class.getResource("/python/" + name);
        if (url == null) {
            throw new IllegalArgumentException("python/" + name + ": not a test resource");
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("python/" + name + ": " + e.getMessage(), e);
        }
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

    /** Runs {@code python3} on the test resource {@code python/script} with {@code args} to its end (at most 60 s). */
    static Result python(String script, Object... args) {
        return run(require("python3", "python3"), script, args);
    }

    /**
     * Runs Debian's {@code /usr/bin/python3} (the one Debian's python3-* modules are installed for, whatever python3
     * comes first on the PATH) with the test resource {@code python/script} and {@code args}, once {@code module}
     * imports; a failure names {@code debianPackage} otherwise.
     */
    static Result debianPython(String module, String debianPackage, String script, Object... args) {
        String python = "/usr/bin/python3";
        if (!Files.isExecutable(Path.of(python))
                || InettyProcess.run(Duration.ofSeconds(30), Map.of(), List.of(python, "-c", "import " + module))
                        .exitCode() != 0) {
            fail("/usr/bin/python3 cannot import " + module + " (Debian package '" + debianPackage + "'; .ci/run"
                    + " installs it: apt-get install " + debianPackage + "). This test requires it and does not skip.");
        }
        return run(python, script, args);
    }

    private static Result run(String python, String script, Object... args) {
        List<String> command = new ArrayList<>(List.of(python, script(script)));
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
