package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/** Plain java.net client helpers for the server tests; every blocking call is bounded by a timeout. */
public final class Net {
    public static final int TIMEOUT_MS = 5_000;
    public static final InetAddress V4_LOOPBACK = ip("127.0.0.1");
    public static final InetAddress V4_LOOPBACK_2 = ip("127.0.0.2");
    public static final InetAddress V6_LOOPBACK = ip("::1");
    public static final InetAddress V4_ANY = ip("0.0.0.0");
    public static final InetAddress V6_ANY = ip("::");

    private Net() {
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Skips the test when the forced transport cannot run here (io_uring only; epoll and NIO must work). */
    public static void assumeAvailable(IoTransport transport) {
        if (transport == IoTransport.IO_URING) {
            Assumptions.assumeTrue(IoUring.isAvailable(),
                    () -> "io_uring is not available here: " + IoUring.unavailabilityCause());
        }
        if (transport == IoTransport.EPOLL) {
            assertThat(Epoll.isAvailable()).as("epoll available on Linux: %s", Epoll.unavailabilityCause()).isTrue();
        }
    }

    /** A TCP client socket connected to {@code address:port}, with a read timeout. */
    public static Socket connect(InetAddress address, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.setSoTimeout(TIMEOUT_MS);
            s.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sends {@code text} over a new TCP connection to an echo service and checks it comes back. */
    public static void tcpEcho(InetAddress address, int port) throws IOException {
        try (Socket s = connect(address, port)) {
            String text = "hello " + address.getHostAddress() + " " + System.nanoTime() + "\n";
            byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
            s.getOutputStream().write(sent);
            s.getOutputStream().flush();
            assertThat(readExactly(s.getInputStream(), sent.length)).isEqualTo(sent);
        }
    }

    /**
     * Sends one datagram from a socket *connected* to {@code address:port} and checks the echo arrives.
     * A connected socket drops datagrams from any other source, so this also checks the reply's source.
     */
    public static void udpEchoConnected(InetAddress address, int port) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(address instanceof java.net.Inet4Address
                ? V4_ANY : V6_ANY, 0))) {
            s.setSoTimeout(TIMEOUT_MS);
            s.connect(address, port);
            byte[] sent = ("datagram to " + address.getHostAddress() + " " + System.nanoTime())
                    .getBytes(StandardCharsets.US_ASCII);
            DatagramPacket reply = exchange(s, sent);
            if (reply == null) {
                fail("no UDP reply from " + address.getHostAddress() + ":" + port + " within " + TIMEOUT_MS + " ms"
                        + " (a connected socket drops replies from another source address)");
            }
            assertThat(Arrays.copyOf(reply.getData(), reply.getLength())).isEqualTo(sent);
            assertThat(reply.getAddress()).isEqualTo(address);
            assertThat(reply.getPort()).isEqualTo(port);
        }
    }

    /**
     * Sends {@code request} on the connected socket {@code s} and returns the reply (up to 2 KiB), or null when none
     * came within the socket's timeout; as {@code s} is connected, a reply can only come from its peer.
     */
    public static DatagramPacket exchange(DatagramSocket s, byte[] request) throws IOException {
        s.send(new DatagramPacket(request, request.length));
        byte[] buf = new byte[2048];
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        try {
            s.receive(reply);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return reply;
    }

    /** {@link #exchange} with a US-ASCII reply, or null. */
    public static String exchangeAscii(DatagramSocket s, byte[] request) throws IOException {
        DatagramPacket reply = exchange(s, request);
        return reply == null ? null : new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
    }

    /** Reads exactly {@code n} bytes or fails (EOF or timeout). */
    public static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(out, off, n - off);
            if (r < 0) {
                fail("EOF after " + off + " of " + n + " bytes");
            }
            off += r;
        }
        return out;
    }

    /** Reads until EOF (fails on timeout, since the socket has SO_TIMEOUT). */
    public static byte[] readToEof(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        for (int r; (r = in.read(buf)) >= 0; ) {
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /** Asserts a TCP listener (with SO_REUSEADDR, as every server sets) can bind {@code address:port} now. */
    public static void assertTcpBindable(InetAddress address, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            fail("TCP " + address.getHostAddress() + " port " + port + " is still bound: " + e);
        }
    }

    /** Asserts a UDP socket can bind {@code address:port} now. */
    public static void assertUdpBindable(InetAddress address, int port) {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            fail("UDP " + address.getHostAddress() + " port " + port + " is still bound: " + e);
        }
    }

    /** Asserts TCP and UDP on 127.0.0.1 and ::1 can all bind {@code port}. */
    public static void assertAllBindable(int port) {
        for (InetAddress a : new InetAddress[] {V4_LOOPBACK, V6_LOOPBACK}) {
            assertTcpBindable(a, port);
            assertUdpBindable(a, port);
        }
    }

    /** A port that is free right now for TCP and UDP on 127.0.0.1 and ::1 (best effort: others may take it). */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, V4_LOOPBACK)) {
                port = s.getLocalPort();
            }
            if (isFree(port)) {
                return port;
            }
        }
        throw new IOException("no port free for TCP and UDP on both loopbacks after 50 attempts");
    }

    private static boolean isFree(int port) {
        for (InetAddress a : new InetAddress[] {V4_LOOPBACK, V6_LOOPBACK}) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(a, port));
            } catch (IOException e) {
                return false;
            }
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(a, port))) {
                // free
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
