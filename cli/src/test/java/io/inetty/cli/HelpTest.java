package io.inetty.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.cli.options.EnvironmentDefaults;
import io.inetty.cli.options.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Help texts wrap cleanly, and every option of serve has its documented variable. */
class HelpTest {
    private static final int WIDTH = 80;

    /**
     * A line is ragged when the first word of the line after it (in the same paragraph) would have fit on it: what
     * picocli makes of descriptions broken by hand into several strings.
     */
    @ParameterizedTest
    @ValueSource(strings = {"serve", "services", "check", "bench"})
    void noRaggedLines(String command) {
        CommandLine cmd = Main.commandLine(Map.of()).getSubcommands().get(command);
        cmd.setUsageHelpWidth(WIDTH);
        List<String> lines = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();
        List<String> ragged = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            String next = lines.get(i + 1);
            String word = next.strip().split(" ")[0];
            boolean continuation = !next.isBlank() && next.startsWith(" ") && !word.startsWith("-")
                    && indent(next) > 2 && Math.abs(indent(next) - indent(line)) <= 2;
            boolean text = !line.isBlank() && !line.strip().startsWith("-") && !line.strip().startsWith("[")
                    && !line.endsWith(".");
            if (continuation && text && line.length() + 1 + word.length() < WIDTH) {
                ragged.add(line + " / " + next.strip());
            }
            assertThat(line.length()).as(line).isLessThanOrEqualTo(WIDTH);
        }
        assertThat(ragged).as("help of %s", command).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "services", "check", "bench"})
    void everyOptionAndOperandIsDescribed(String command) {
        CommandLine cmd = Main.commandLine(Map.of()).getSubcommands().get(command);
        cmd.getCommandSpec().args().stream().filter(a -> !a.hidden()).forEach(a ->
                assertThat(String.join(" ", a.description())).as("%s %s", command, a.paramLabel()).isNotBlank());
    }

    private static int indent(String line) {
        return line.length() - line.stripLeading().length();
    }

    @Test
    void theKnownVariablesAreServesOptionsAndTheLaunchers() {
        CommandLine serve = Main.commandLine(Map.of()).getSubcommands().get("serve");
        Set<String> expected = new TreeSet<>(Set.of("INETTY_JAVA_OPTS"));
        for (OptionSpec o : serve.getCommandSpec().options()) {
            if (!o.hidden() && !o.usageHelp() && !o.versionHelp()) {
                expected.add(EnvironmentDefaults.variable(o.longestName()));
            }
        }
        assertThat(new TreeSet<>(Environment.KNOWN)).isEqualTo(expected);
    }
}
