package io.inetty.cli.systemd;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sockets a service manager passed by the {@code sd_listen_fds} protocol: {@code LISTEN_FDS} descriptors from
 * fd 3 on, for this process only ({@code LISTEN_PID}), named by {@code LISTEN_FDNAMES} (colon-separated, optional).
 * Immutable; made by {@link #read}.
 */
public final class ListenFds {
    /** {@code SD_LISTEN_FDS_START}: the first passed descriptor. */
    public static final int FIRST = 3;
    /** The variables of the protocol. */
    public static final List<String> VARIABLES = List.of("LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES");
    private static final ListenFds NONE = new ListenFds(List.of(), null);

    /** One passed socket: its descriptor and its name ({@code null} when LISTEN_FDNAMES is not set). */
    public record Passed(int fd, String name) {
        /** {@code fd 3 'echo'}, or {@code fd 3} without a name. */
        @Override
        public String toString() {
            return "fd " + fd + (name == null ? "" : " '" + name + "'");
        }
    }

    private final List<Passed> sockets;
    private final String ignored;

    private ListenFds(List<Passed> sockets, String ignored) {
        this.sockets = sockets;
        this.ignored = ignored;
    }

    /**
     * The sockets {@code env} passes to process {@code pid}: none when LISTEN_PID or LISTEN_FDS is unset or when
     * LISTEN_PID names another process (see {@link #ignored()}). Malformed values throw
     * {@code IllegalArgumentException} naming the variable.
     */
    public static ListenFds read(Map<String, String> env, long pid) {
        requireNonNull(env, "env");
        String pidText = value(env, "LISTEN_PID");
        String countText = value(env, "LISTEN_FDS");
        if (pidText == null || countText == null) {
            return NONE;
        }
        long forPid = number("LISTEN_PID", pidText, "a process id");
        int count = (int) number("LISTEN_FDS", countText, "a number of file descriptors");
        if (forPid != pid) {
            return new ListenFds(List.of(), "LISTEN_FDS passes " + count + " socket(s) to process " + forPid
                    + ", not to this one (" + pid + "): binding instead (does a wrapper fork instead of exec?)");
        }
        String namesText = env.get("LISTEN_FDNAMES");
        String[] names = namesText == null ? null : namesText.split(":", -1);
        if (names != null && names.length != count) {
            throw new IllegalArgumentException("LISTEN_FDNAMES: '" + namesText + "' names " + names.length
                    + " socket(s) (expected: " + count + ", one per socket of LISTEN_FDS)");
        }
        List<Passed> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sockets.add(new Passed(FIRST + i, names == null ? null : names[i]));
        }
        return new ListenFds(List.copyOf(sockets), null);
    }

    /** The passed sockets, in descriptor order; empty when none were passed to this process. */
    public List<Passed> sockets() {
        return sockets;
    }

    /** Why sockets passed to another process are not used, or null. */
    public String ignored() {
        return ignored;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static long number(String variable, String text, String expected) {
        try {
            long n = Long.parseLong(text);
            if (n >= 0 && (!variable.equals("LISTEN_FDS") || n <= 65536)) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(variable + ": '" + text + "' (expected: " + expected + ")");
    }
}
