package io.inetty.junit;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** Blocking java.net clients for the tests, every call bounded by {@link #TIMEOUT_MS}. */
final class Clients {
    static final int TIMEOUT_MS = 5_000;

    private Clients() {
    }

    /** Sends {@code text} to a TCP echo service and returns what came back (as many bytes as were sent). */
    static String tcp(InetSocketAddress echo, String text) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(TIMEOUT_MS);
            s.connect(echo, TIMEOUT_MS);
            s.getOutputStream().write(text.getBytes(US_ASCII));
            return new String(s.getInputStream().readNBytes(text.length()), US_ASCII);
        }
    }

    /** Reads a TCP service that speaks first (daytime, qotd, time) until it closes. */
    static byte[] read(InetSocketAddress service) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoTimeout(TIMEOUT_MS);
            s.connect(service, TIMEOUT_MS);
            return s.getInputStream().readAllBytes();
        }
    }

    /** Sends one datagram of {@code text} and returns the reply's bytes. */
    static byte[] udp(InetSocketAddress service, String text) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, service.getAddress())) {
            s.setSoTimeout(TIMEOUT_MS);
            byte[] out = text.getBytes(US_ASCII);
            s.send(new DatagramPacket(out, out.length, service));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            s.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        }
    }
}
