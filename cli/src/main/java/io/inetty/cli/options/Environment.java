package io.inetty.cli.options;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code INETTY_*} variables inetty knows; a variable it does not know (a typo) gets a warning. */
public final class Environment {
    /**
     * One per option of {@code serve} ({@code check} and {@code bench} read only {@code INETTY_PORT_OFFSET}), and
     * {@code INETTY_JAVA_OPTS} of the launcher; a test keeps this list equal to the options.
     */
    public static final Set<String> KNOWN = Set.of("INETTY_BIND", "INETTY_IPV4", "INETTY_IPV6", "INETTY_SERVICE",
            "INETTY_PORT_OFFSET", "INETTY_TRANSPORT", "INETTY_THREADS", "INETTY_SHUTDOWN_TIMEOUT",
            "INETTY_SHUTDOWN_DELAY", "INETTY_QUOTES",
            "INETTY_DAYTIME_ZONE", "INETTY_LOG_LEVEL", "INETTY_LOG_FORMAT", "INETTY_ACCESS_LOG",
            "INETTY_MAX_CONNECTIONS", "INETTY_MAX_CONNECTIONS_PER_IP", "INETTY_MAX_ACCEPT_RATE", "INETTY_IDLE_TIMEOUT",
            "INETTY_MAX_SESSION", "INETTY_MAX_SESSION_BYTES", "INETTY_ALLOW", "INETTY_DENY",
            "INETTY_UDP_REPLY_BUDGET", "INETTY_UDP_STRICT", "INETTY_INSTANCE_ID", "INETTY_TLS_CERT", "INETTY_TLS_KEY",
            "INETTY_TLS_SELF_SIGNED", "INETTY_TLS_SELF_SIGNED_OUT", "INETTY_TLS_CLIENT_CA", "INETTY_TLS_ENGINE",
            "INETTY_PROXY_PROTOCOL", "INETTY_RELAY", "INETTY_FAULT", "INETTY_ADMIN", "INETTY_ADMIN_TOKEN_FILE",
            "INETTY_JAVA_OPTS");

    private Environment() {
    }

    /** A warning per unknown {@code INETTY_*} variable, naming the closest known one. */
    public static List<String> warnings(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        env.keySet().stream().filter(k -> k.startsWith("INETTY_") && !KNOWN.contains(k)).sorted().forEach(k ->
                out.add("unknown environment variable " + k + " (ignored; did you mean " + closest(k) + "?)"));
        return out;
    }

    /** The known variable with the smallest edit distance to {@code name}. */
    static String closest(String name) {
        return KNOWN.stream().sorted().min(Comparator.comparingInt(k -> distance(name, k))).orElseThrow();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
