package io.inetty.cli.options;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Names what the user typed: an option as given on the command line ({@code -4}, {@code --bind}) or the
 * {@code INETTY_*} variable its value came from. It turns the engine's and the builders' messages, which start
 * with a parameter name ({@code bind: ...}, {@code replyBudget: ...}), into messages that start with that name.
 */
public final class Sources {
    /** Builder parameters whose option is not their kebab-case name. */
    private static final Map<String, String> ALIASES = Map.of("services", "--service", "replyBudget",
            "--udp-reply-budget", "port", "--service");

    private final CommandSpec spec;

    /** The sources of {@code spec}'s options (read after parsing). */
    public Sources(CommandSpec spec) {
        this.spec = requireNonNull(spec, "spec");
    }

    /** {@code option} as the user gave it: the option name, or the variable its value came from. */
    public String of(String option) {
        OptionSpec o = spec.findOption(option);
        if (o == null) {
            return option;
        }
        ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null && parsed.hasMatchedOption(o)) {
            return option;
        }
        String variable = environmentDefaults().map(d -> d.variableOf(o)).orElse(null);
        return variable != null ? variable : option;
    }

    /** {@code option} as the user gave it ({@link #of}) if the command line or a variable set it, else empty. */
    public Optional<String> given(String option) {
        OptionSpec o = spec.findOption(option);
        ParseResult parsed = spec.commandLine().getParseResult();
        boolean set = o != null && (parsed != null && parsed.hasMatchedOption(o) || !of(option).equals(option));
        return set ? Optional.of(of(option)) : Optional.empty();
    }

    /** The environment the command reads ({@code System.getenv()} unless a test gave another). */
    public Map<String, String> environment() {
        return environmentDefaults().map(EnvironmentDefaults::environment).orElseGet(System::getenv);
    }

    /** Warnings about {@code INETTY_*} variables that no option reads (typos). */
    public List<String> environmentWarnings() {
        return environmentDefaults().map(EnvironmentDefaults::warnings).orElse(List.of());
    }

    /** The command's defaults from {@code INETTY_*} variables, if it reads them. */
    private Optional<EnvironmentDefaults> environmentDefaults() {
        return spec.defaultValueProvider() instanceof EnvironmentDefaults d ? Optional.of(d) : Optional.empty();
    }

    /** A usage error (exit 2) with this message. */
    public ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A usage error from a configuration mistake the engine or a builder found, renamed (see {@link #rename}). */
    public ParameterException usage(IllegalArgumentException e) {
        return new ParameterException(spec.commandLine(), rename(e.getMessage()), e);
    }

    /** A usage error naming {@code option}'s source instead of the parameter at the start of the message. */
    public ParameterException usage(String option, IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return usage(of(option) + ": " + (colon < 0 ? message : message.substring(colon + 2)));
    }

    /**
     * {@code maxConnections: -1 (...)} becomes {@code --max-connections: -1 (...)} (or the variable's name): the
     * parameter at the start of the message names the option in kebab case, or by an alias; other text is kept.
     */
    public String rename(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        if (colon < 1 || !message.substring(0, colon).matches("[a-zA-Z]+")) {
            return String.valueOf(message);
        }
        String parameter = message.substring(0, colon);
        String option = parameter.equals("family") ? family() : ALIASES.getOrDefault(parameter, "--" + kebab(parameter));
        String rest = message.substring(colon);
        for (String family : new String[] {"IPv4", "IPv6"}) {
            String only = "only " + family + " is served";
            rest = rest.replace(only, only + " (" + of(family.equals("IPv4") ? "-4" : "-6") + ")");
        }
        return (spec.findOption(option) == null ? parameter : of(option)) + rest;
    }

    private String family() {
        return isSet("-6") ? "-6" : "-4";
    }

    private boolean isSet(String option) {
        OptionSpec o = spec.findOption(option);
        return o != null && Boolean.TRUE.equals(o.getValue());
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
