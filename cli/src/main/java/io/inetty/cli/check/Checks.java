package io.inetty.cli.check;

import io.inetty.cli.check.Probe.Failure;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The client-side registry: how to check each service. A service added to {@code Services.all()} needs an entry
 * here (a test fails otherwise); until it has one, {@code check} says so instead of failing obscurely.
 */
public final class Checks {
    /**
     * The request of the one-shot services over UDP. RFC 868 says "an empty datagram", but a connected JDK
     * {@code DatagramSocket} does not send a 0-byte datagram, and servers answer any datagram: so one LF.
     */
    private static final byte[] REQUEST = {'\n'};
    private static final int MAX_DAYTIME = 1024;

    private static final Map<String, ServiceCheck> ALL = Map.of(
            "echo", check(p -> p.tcp(s -> Conversations.echoTcp(p, s)), p -> p.udp(s -> Conversations.echoUdp(p, s))),
            "discard", check(p -> p.tcp(s -> Conversations.discardTcp(p, s)),
                    p -> p.udp(s -> Conversations.discardUdp(p, s))),
            "chargen", check(p -> p.tcp(s -> Conversations.chargenTcp(p, s)),
                    p -> Conversations.chargenUdp(p.udp(s -> p.exchange(s, REQUEST)))),
            "qotd", oneShot(Replies.MAX_QUOTE, "RFC 865: a quote is shorter than 512 characters",
                    (data, p) -> Replies.quote(data)),
            "daytime", oneShot(MAX_DAYTIME, "expected: one line", (data, p) -> Replies.daytime(data)),
            "time", oneShot(4, "expected: exactly 4, then close",
                    (data, p) -> Replies.time(data, System.currentTimeMillis(), p.tolerance())),
            "whoami", oneShot(Replies.MAX_WHOAMI, "expected: one line of JSON", (data, p) -> Replies.whoami(data)));

    private Checks() {
    }

    /** The check of {@code service}, if there is one. */
    public static Optional<ServiceCheck> of(String service) {
        return Optional.ofNullable(ALL.get(service));
    }

    /** The services that have a check, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(ALL.keySet());
    }

    /** A conversation over one transport. */
    private interface Conversation {
        String run(Probe probe) throws Failure;
    }

    /** What a one-shot reply must be; returns the detail of the OK line. */
    private interface Validator {
        String check(byte[] reply, Probe probe) throws Failure;
    }

    private static ServiceCheck check(Conversation tcp, Conversation udp) {
        return new ServiceCheck() {
            @Override
            public String tcp(Probe probe) throws Failure {
                return tcp.run(probe);
            }

            @Override
            public String udp(Probe probe) throws Failure {
                return udp.run(probe);
            }
        };
    }

    /** A service that sends one reply of at most {@code max} bytes: to EOF over TCP, one datagram over UDP. */
    private static ServiceCheck oneShot(int max, String why, Validator validator) {
        Validator bounded = (reply, p) -> {
            if (reply.length > max) {
                throw new Failure("more than " + max + " bytes (" + why + ")");
            }
            return validator.check(reply, p);
        };
        return check(p -> bounded.check(p.tcp(s -> p.readUntilEof(s, max)), p),
                p -> bounded.check(p.udp(s -> p.exchange(s, REQUEST)), p));
    }
}
