package io.inetty.cli.options;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code HOST[:PORT]} operand of {@code check} and {@code bench} (their one parser): a name, an IPv4 literal,
 * an IPv6 literal in brackets ({@code [::1]:7}, {@code [::1]}) or bare without a port ({@code ::1},
 * {@code fe80::1%eth0}). A null port means the service's default port plus the port offset.
 *
 * @param host the name or literal, without brackets
 * @param port the port given, or null
 */
public record Target(String host, Integer port) {
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]+)](?::([^:]*))?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /** Parses the operand; throws {@code IllegalArgumentException} saying what was expected. */
    public static Target parse(String text) {
        String s = text.strip();
        Matcher bracketed = BRACKETED.matcher(s);
        if (bracketed.matches()) {
            return new Target(ipv6(bracketed.group(1), text), port(bracketed.group(2), text));
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
            return new Target(ipv6(s, text), null); // bare IPv6 literal: no port
        }
        String host = colon < 0 ? s : s.substring(0, colon);
        Integer port = colon < 0 ? null : port(s.substring(colon + 1), text);
        if (!NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + text + "' (expected: HOST[:PORT], e.g. localhost:7, 127.0.0.1,"
                    + " [::1]:7 or ::1)");
        }
        return new Target(host, port);
    }

    /** True if the host is an address literal (resolving it needs no lookup). */
    public boolean literal() {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    /** {@code host:port}, an IPv6 host in brackets: the target as typed, for a message before it is resolved. */
    public String withPort(int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String ipv6(String literal, String text) {
        try {
            if (literal.indexOf(':') >= 0) {
                InetAddress.getByName(literal); // parses the literal, never looks it up
                return literal;
            }
        } catch (UnknownHostException | SecurityException e) {
            // falls through: not an IPv6 literal (a literal with ':' is never looked up)
        }
        throw new IllegalArgumentException("'" + text + "': '" + literal + "' is not an IPv6 address"
                + " (expected: [IPV6]:PORT, [IPV6] or a bare IPV6 without a port)");
    }

    private static Integer port(String port, String text) {
        if (port == null) {
            return null;
        }
        int n = PORT.matcher(port).matches() ? Integer.parseInt(port) : -1;
        if (n < 1 || n > 65535) {
            throw new IllegalArgumentException("'" + text + "': port '" + port + "' (expected: 1-65535)");
        }
        return n;
    }
}
