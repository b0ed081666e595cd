package io.inetty.cli.options;

/** Something {@code serve} reloads on SIGHUP without stopping (the qotd quotes file; TLS certificates later). */
public interface Reloadable {
    /**
     * Reloads; returns what was loaded, for the log. On failure it throws with a one-line reason and keeps serving
     * what it had.
     */
    String reload() throws Exception;
}
