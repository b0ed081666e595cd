package io.inetty.cli.check;

import io.inetty.cli.check.Probe.Failure;
import io.inetty.protocols.chargen.ChargenPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/** The client conversations of the services that are not one-shot (echo, discard, chargen), over TCP and UDP. */
final class Conversations {
    /** What echo and discard are sent: 1 KiB over TCP, a 64-byte datagram over UDP. */
    private static final int TCP_BYTES = 1024;
    private static final int UDP_BYTES = 64;
    /** How long discard must stay silent (capped by what is left of the timeout). */
    private static final int QUIET_MILLIS = 300;
    private static final int MAX_CHARGEN_DATAGRAM = 512;
    private static final Random RANDOM = new SecureRandom();

    private Conversations() {
    }

    static String echoTcp(Probe p, Socket s) throws IOException, Failure {
        byte[] sent = random(TCP_BYTES);
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

    static String echoUdp(Probe p, DatagramSocket s) throws IOException, Failure {
        byte[] sent = random(UDP_BYTES);
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

    static String discardTcp(Probe p, Socket s) throws IOException, Failure {
        OutputStream out = s.getOutputStream();
        out.write(random(TCP_BYTES));
        int quiet = Math.min(QUIET_MILLIS, p.remaining());
        s.setSoTimeout(quiet);
        InputStream in = s.getInputStream();
        try {
            int b = in.read();
            throw new Failure(b < 0 ? "connection closed by the server (expected: kept open)"
                    : "the server sent " + (1 + in.available()) + " bytes (expected: nothing)");
        } catch (SocketTimeoutException e) {
            return TCP_BYTES + " bytes sent, no reply and connection open after " + quiet + " ms";
        }
    }

    static String discardUdp(Probe p, DatagramSocket s) throws IOException, Failure {
        byte[] sent = random(UDP_BYTES);
        s.send(new DatagramPacket(sent, sent.length));
        int quiet = Math.min(QUIET_MILLIS, p.remaining());
        try {
            byte[] got = Probe.receive(s, quiet);
            throw new Failure("the server replied with " + got.length + " bytes (expected: nothing)");
        } catch (SocketTimeoutException e) {
            return sent.length + "-byte datagram sent, no reply within " + quiet + " ms";
        }
    }

    static String chargenTcp(Probe p, Socket s) throws IOException, Failure {
        long start = System.nanoTime();
        byte[] got = p.readExactly(s, ChargenPattern.PERIOD);
        String elapsed = millis(start);
        if (got.length < ChargenPattern.PERIOD) {
            throw new Failure("connection closed after " + got.length + " bytes (expected: an endless stream)");
        }
        int line = Replies.chargen(got, true);
        return got.length + " bytes of the RFC 864 pattern (95 lines from line " + line + ") in " + elapsed;
    }

    static String chargenUdp(byte[] got) throws Failure {
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
