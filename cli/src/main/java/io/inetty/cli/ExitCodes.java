package io.inetty.cli;

/** The documented exit codes of the {@code inetty} command. */
final class ExitCodes {
    /** Clean run (serve: stopped by SIGTERM/SIGINT and drained). */
    static final int OK = 0;
    /** Unexpected internal error (a bug: please report it with the log). */
    static final int SOFTWARE = 1;
    /** Bad command line or configuration: unknown service, malformed spec, port out of range, bad file. */
    static final int USAGE = 2;
    /** Could not start: a name that does not resolve, a port in use, permission denied, transport unavailable. */
    static final int START_FAILED = 3;

    private ExitCodes() {
    }
}
