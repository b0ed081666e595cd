package io.inetty.cli;

/** The documented exit codes of the {@code inetty} command, the same for every subcommand. */
public final class ExitCodes {
    /** Clean run (serve: stopped by SIGTERM/SIGINT and drained; check: OK; bench: no error). */
    public static final int OK = 0;
    /** Unexpected internal error (a bug: please report it with the log). */
    public static final int SOFTWARE = 1;
    /** {@code check}: the service failed the check (refused, timed out, unresolvable name, malformed answer). */
    public static final int CHECK_FAILED = 1;
    /** {@code bench}: the run completed but counted errors (mismatches, connection errors, timeouts, no reply). */
    public static final int BENCH_ERRORS = 1;
    /** Bad command line or configuration: unknown service, malformed spec, port out of range, bad file. */
    public static final int USAGE = 2;
    /** Could not start: a name that does not resolve, a port in use, permission denied, transport unavailable. */
    public static final int START_FAILED = 3;

    private ExitCodes() {
    }
}
