package io.inetty.cli.options;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads an option's default from the environment variable {@code INETTY_<OPTION>} ({@code --port-offset} from
 * {@code INETTY_PORT_OFFSET}); an option given on the command line wins. An empty or blank variable counts as
 * unset (compose's {@code ${VAR}} of an undefined variable), and booleans accept {@code true/false/1/0/yes/no}.
 * It remembers which options took their value from a variable, so that messages can name the variable.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private static final Set<String> TRUE = Set.of("true", "1", "yes");
    private static final Set<String> FALSE = Set.of("false", "0", "no");

    private final Map<String, String> env;
    private final Predicate<String> reads;
    /** Option (longest name) to the variable its value came from. */
    private final Map<String, String> supplied = new ConcurrentHashMap<>();

    private EnvironmentDefaults(Map<String, String> env, Predicate<String> reads) {
        this.env = requireNonNull(env, "env");
        this.reads = requireNonNull(reads, "reads");
    }

    /** Every option of the command reads its variable ({@code serve}). */
    public static EnvironmentDefaults all(Map<String, String> env) {
        return new EnvironmentDefaults(env, name -> true);
    }

    /** Only the named options read their variables ({@code check} and {@code bench}: {@code --port-offset}). */
    public static EnvironmentDefaults only(Map<String, String> env, String... options) {
        Set<String> names = Set.of(options);
        return new EnvironmentDefaults(env, names::contains);
    }

    /** {@code INETTY_PORT_OFFSET} for {@code --port-offset}. */
    public static String variable(String option) {
        return "INETTY_" + option.replaceFirst("^-+", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec)) {
            return null;
        }
        OptionSpec option = (OptionSpec) arg;
        if (option.hidden() || option.usageHelp() || option.versionHelp()) {
            return null; // INETTY_HELP or INETTY_EXIT_AFTER_READY are not settings
        }
        String name = option.longestName();
        String variable = variable(name);
        String value = reads.test(name) ? env.get(variable) : null;
        if (value == null || value.isBlank()) {
            return null;
        }
        supplied.put(name, variable);
        return option.typeInfo().isBoolean() ? bool(value) : value;
    }

    /** The variable the option's value came from, or null if it did not come from the environment. */
    public String variableOf(OptionSpec option) {
        return supplied.get(option.longestName());
    }

    /** The whole environment these defaults read (for features configured by other variables, e.g. LISTEN_FDS). */
    public Map<String, String> environment() {
        return env;
    }

    /** A warning per {@code INETTY_*} variable of the environment that inetty does not know (a typo). */
    public List<String> warnings() {
        return Environment.warnings(env);
    }

    private static String bool(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return TRUE.contains(v) ? "true" : FALSE.contains(v) ? "false" : value;
    }

    /** What a boolean variable may hold, for messages. */
    public static String booleanValues() {
        return "true, false, 1, 0, yes or no";
    }
}
