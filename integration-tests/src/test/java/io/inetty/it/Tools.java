package io.inetty.it;

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

    /** Runs {@code python3 -c script args...} to its end (at most 60 s). */
    static Result python(String script, Object... args) {
        List<String> command = new ArrayList<>(List.of(require("python3", "python3"), "-c", script));
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
