package io.inetty.server;

/**
 * Names of the access-log loggers, so a deployment can route them apart from diagnostics: one line per
 * TCP connection (ended or refused) on {@value #TCP}, one aggregate line per UDP socket and interval on
 * {@value #UDP}. Peers are always written as literals: the server never resolves names.
 */
public final class AccessLog {
    /** Logger of TCP connection lines: {@code tcp echo peer=.. local=.. [via=..] in=.. out=.. ms=.. reason=..}. */
    public static final String TCP = "inetty.access.tcp";
    /** Logger of UDP aggregate lines: {@code udp echo local=.. datagrams_in=.. ... dropped_budget=..}. */
    public static final String UDP = "inetty.access.udp";

    private AccessLog() {
    }
}
