package io.inetty.cli;

import io.inetty.cli.Probe.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/** One client conversation per service and transport; each returns the detail of the OK line or throws a {@link Failure}. */
final class Checks {
    static final int ECHO_TCP_BYTES = 1024;
    static final int ECHO_UDP_BYTES = 64;
    static final int DISCARD_BYTES = 1024;
    /** How long discard must stay silent (capped by what is left of the timeout). */
    static final int QUIET_MILLIS = 300;
    static final int MAX_DAYTIME = 1024;
    static final int MAX_CHARGEN_DATAGRAM = 512;
    /**
     * The request of the one-shot services over UDP. RFC 868 says "an empty datagram", but the JDK's UDP
     * sockets silently skip 0-byte sends, and servers answer any datagram: so one LF.
     */
    private static final byte[] REQUEST = {'\n'};
    private static final Random RANDOM = new SecureRandom();

    private Checks() {
    }

    /** Runs the check of {@code service} (a known name) against the probe's resolved peer. */
    static String run(String service, boolean udp, Probe p, Duration tolerance) throws Failure {
        switch (service) {
            case "echo":
                return udp ? p.udp(s -> echoUdp(p, s)) : p.tcp(s -> echoTcp(p, s));
            case "discard":
                return udp ? p.udp(s -> discardUdp(p, s)) : p.tcp(s -> discardTcp(p, s));
            case "chargen":
                return udp ? p.udp(s -> chargenUdp(p.exchange(s, REQUEST))) : p.tcp(s -> chargenTcp(p, s));
            case "qotd":
                return Replies.quote(udp ? p.udp(s -> p.exchange(s, REQUEST)) : p.tcp(s -> p.readUntilEof(s, Replies.MAX_QUOTE)));
            case "daytime":
                byte[] line = udp ? p.udp(s -> p.exchange(s, REQUEST)) : p.tcp(s -> p.readUntilEof(s, MAX_DAYTIME));
                if (line.length > MAX_DAYTIME) {
                    throw new Failure("more than " + MAX_DAYTIME + " bytes (expected: one line)");
                }
                return Replies.daytime(line);
            case "time":
                byte[] value = udp ? p.udp(s -> p.exchange(s, REQUEST)) : p.tcp(s -> p.readUntilEof(s, 4));
                if (value.length > 4) {
                    throw new Failure("more than 4 bytes (expected: exactly 4, then close)");
                }
                return Replies.time(value, System.currentTimeMillis(), tolerance);
            default:
                throw new IllegalArgumentException("service: " + service);
        }
    }

    private static String echoTcp(Probe p, Socket s) throws IOException, Failure {
        byte[] sent = random(ECHO_TCP_BYTES);
        long start = System.nanoTime();
        s.getOutputStream().write(sent);
        byte[] got = p.readExactly(s, sent.length);
        String elapsed = millis(start);
        if (got.length < sent.length) {
            throw new Failure("connection closed after " + got.length + " of " + sent.length + " bytes");
        }
        compare(sent, got);
        return sent.length + " bytes echoed in " + elapsed;
    }

    private static String echoUdp(Probe p, DatagramSocket s) throws IOException, Failure {
        byte[] sent = random(ECHO_UDP_BYTES);
        long start = System.nanoTime();
        byte[] got = p.exchange(s, sent);
        String elapsed = millis(start);
        if (got.length != sent.length) {
            throw new Failure("reply of " + got.length + " bytes to a " + sent.length + "-byte datagram");
        }
        compare(sent, got);
        return sent.length + "-byte datagram echoed in " + elapsed;
    }

    private static void compare(byte[] sent, byte[] got) throws Failure {
        int at = Arrays.mismatch(sent, got);
        if (at >= 0) {
            throw new Failure("reply differs from what was sent at byte " + at + " (got " + Replies.show(got[at])
                    + ", sent " + Replies.show(sent[at]) + ")");
        }
    }

    private static String discardTcp(Probe p, Socket s) throws IOException, Failure {
        OutputStream out = s.getOutputStream();
        out.write(random(DISCARD_BYTES));
        int quiet = Math.min(QUIET_MILLIS, p.remaining());
        s.setSoTimeout(quiet);
        InputStream in = s.getInputStream();
        try {
            int b = in.read();
            throw new Failure(b < 0 ? "connection closed by the server (expected: kept open)"
                    : "the server sent " + (1 + in.available()) + " bytes (expected: nothing)");
        } catch (SocketTimeoutException e) {
            return DISCARD_BYTES + " bytes sent, no reply and connection open after " + quiet + " ms";
        }
    }

    private static String discardUdp(Probe p, DatagramSocket s) throws IOException, Failure {
        byte[] sent = random(ECHO_UDP_BYTES);
        s.send(new DatagramPacket(sent, sent.length));
        int quiet = Math.min(QUIET_MILLIS, p.remaining());
        try {
            byte[] got = Probe.receive(s, quiet);
            throw new Failure("the server replied with " + got.length + " bytes (expected: nothing)");
        } catch (SocketTimeoutException e) {
            return sent.length + "-byte datagram sent, no reply within " + quiet + " ms";
        }
    }

    private static String chargenTcp(Probe p, Socket s) throws IOException, Failure {
        long start = System.nanoTime();
        byte[] got = p.readExactly(s, Replies.PERIOD);
        String elapsed = millis(start);
        if (got.length < Replies.PERIOD) {
            throw new Failure("connection closed after " + got.length + " bytes (expected: an endless stream)");
        }
        int line = Replies.chargen(got, true);
        return got.length + " bytes of the RFC 864 pattern (95 lines from line " + line + ") in " + elapsed;
    }

    private static String chargenUdp(byte[] got) throws Failure {
        if (got.length > MAX_CHARGEN_DATAGRAM) {
            throw new Failure("reply of " + got.length + " bytes (RFC 864: 0 to 512)");
        }
        Replies.chargen(got, false);
        return got.length + " bytes of the RFC 864 pattern";
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String millis(long startNanos) {
        return String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - startNanos) / 1e6);
    }
}
