package io.inetty.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;
import org.apache.commons.net.DatagramSocketFactory;

/** Client-side helpers shared by the tests: protocol checks, UDP exchanges, socket capture, free ports. */
final class Wire {
    /** Socket timeout for every client read. */
    static final int TIMEOUT_MS = 5000;
    /** RFC 868: seconds from 1900-01-01T00:00Z to the Unix epoch. */
    static final long SECONDS_1900_TO_1970 = 2_208_988_800L;
    /** RFC 867 line as inetty writes it (see the Daytime class's documented format). */
    static final java.util.regex.Pattern DAYTIME =
            java.util.regex.Pattern.compile("^[A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}, \\d{4} \\d{2}:\\d{2}:\\d{2}-UTC\r\n$");
    private static final DateTimeFormatter DAYTIME_FORMAT =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu HH:mm:ss", Locale.US);

    private Wire() {
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] random(int length, long seed) {
        byte[] b = new byte[length];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    /** Reads until EOF (at most {@code max} bytes, else fails). */
    static byte[] readToEof(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            out.write(buf, 0, n);
            assertThat(out.size()).as("bytes before EOF").isLessThanOrEqualTo(max);
        }
        return out.toByteArray();
    }

    /** Reads exactly {@code length} bytes. */
    static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] b = in.readNBytes(length);
        assertThat(b.length).as("bytes before EOF").isEqualTo(length);
        return b;
    }

    /**
     * Sends {@code request} from {@code socket} to {@code to} and returns the first reply; retries a few
     * times on silence, since UDP may lose a datagram even on loopback.
     */
    static DatagramPacket exchange(DatagramSocket socket, byte[] request, InetSocketAddress to) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            DatagramPacket reply = ask(socket, request, to, 2000);
            if (reply != null) {
                return reply;
            }
        }
        throw new AssertionError("no UDP reply from " + to + " to " + request.length + " bytes in 3 attempts (2 s each)");
    }

    /** Sends one datagram from {@code socket} and waits up to {@code millis} for one reply; null on silence. */
    static DatagramPacket ask(DatagramSocket socket, byte[] request, InetSocketAddress to, int millis) throws IOException {
        socket.setSoTimeout(millis);
        socket.send(new DatagramPacket(request, request.length, to));
        DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
        try {
            socket.receive(reply);
            return reply;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Retries a UDP client call on silence (lost datagram), like {@link #exchange}. */
    static <T> T retryUdp(UdpCall<T> call) throws IOException {
        SocketTimeoutException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return call.call();
            } catch (SocketTimeoutException e) {
                last = e;
            }
        }
        throw new AssertionError("no UDP reply in 3 attempts", last);
    }

    @FunctionalInterface
    interface UdpCall<T> {
        T call() throws IOException;
    }

    static byte[] data(DatagramPacket p) {
        return Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
    }

    // ---------------------------------------------------------------- chargen (RFC 864)

    /**
     * Checks that {@code bytes} is a contiguous piece of an RFC 864 stream: 95 printable characters
     * (0x20-0x7E) in rotation, 72 per line, lines ending CR LF, each line starting one character after
     * the line before. {@code fromLineStart}: the piece begins at the start of a line (TCP).
     */
    static void assertChargen(byte[] bytes, boolean fromLineStart) {
        String s = new String(bytes, US_ASCII);
        int column = fromLineStart ? 0 : -1; // -1: unknown until the first CR LF
        int lineFirst = -1;                   // offset (0-94) of the current line's first character, if known
        int previous = -1;                    // offset of the previous printable character of this line
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\r') {
                assertThat(i + 1 >= bytes.length || bytes[i + 1] == '\n').as("CR followed by LF at %d", i).isTrue();
                if (column != -1) {
                    assertThat(column).as("line length before CR at %d", i).isEqualTo(72);
                }
                if (previous != -1) {
                    lineFirst = Math.floorMod(previous - 71, 95);
                }
                continue;
            }
            if (b == '\n') {
                assertThat(i == 0 || bytes[i - 1] == '\r').as("LF preceded by CR at %d", i).isTrue();
                column = 0;
                previous = -1;
                continue;
            }
            assertThat(b).as("printable character at %d in %s", i, s).isBetween(0x20, 0x7e);
            assertThat(column).as("line longer than 72 at %d", i).isLessThan(72);
            int offset = b - 0x20;
            if (previous != -1) {
                assertThat(offset).as("character after %d at %d", previous, i).isEqualTo((previous + 1) % 95);
            } else if (column == 0 && lineFirst != -1) {
                assertThat(offset).as("line starts one character later at %d", i).isEqualTo((lineFirst + 1) % 95);
            }
            if (column == 0) {
                lineFirst = offset;
            }
            previous = offset;
            if (column != -1) {
                column++;
            }
        }
    }

    // ---------------------------------------------------------------- daytime (RFC 867), time (RFC 868)

    /** Checks the daytime line's format and that it is within a few seconds of now. */
    static void assertDaytime(String line) {
        assertThat(line).matches(DAYTIME);
        String stamp = line.substring(0, line.indexOf("-UTC"));
        Instant told = LocalDateTime.parse(stamp, DAYTIME_FORMAT).toInstant(ZoneOffset.UTC);
        assertThat(told.getEpochSecond()).as("daytime %s vs now", line.strip())
                .isCloseTo(Instant.now().getEpochSecond(), within(5L));
    }

    /** Checks an RFC 868 value (seconds since 1900, unsigned 32 bits) against now. */
    static void assertTime(long secondsSince1900) {
        long now = (System.currentTimeMillis() / 1000 + SECONDS_1900_TO_1970) & 0xFFFF_FFFFL;
        assertThat(secondsSince1900).as("RFC 868 time vs now").isCloseTo(now, within(5L));
    }

    // ---------------------------------------------------------------- capturing Commons Net's sockets

    /** A socket factory that remembers the last socket it made, so a test can reach the raw socket. */
    static final class CapturingSocketFactory extends SocketFactory {
        volatile Socket last;

        @Override
        public Socket createSocket() {
            return remember(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return remember(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return remember(new Socket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return remember(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return remember(new Socket(address, port, localAddress, localPort));
        }

        private Socket remember(Socket s) {
            last = s;
            return s;
        }
    }

    /** A datagram socket factory that remembers the last socket it made. */
    static final class CapturingDatagramSocketFactory implements DatagramSocketFactory {
        volatile DatagramSocket last;

        @Override
        public DatagramSocket createDatagramSocket() throws java.net.SocketException {
            return remember(new DatagramSocket());
        }

        @Override
        public DatagramSocket createDatagramSocket(int port) throws java.net.SocketException {
            return remember(new DatagramSocket(port));
        }

        @Override
        public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws java.net.SocketException {
            return remember(new DatagramSocket(port, laddr));
        }

        private DatagramSocket remember(DatagramSocket s) {
            last = s;
            return s;
        }
    }

    // ---------------------------------------------------------------- ports

    /** A port free now on 127.0.0.1 for both TCP and UDP (for a peer that is named before it is started). */
    static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * {@code n} distinct ports free now on 127.0.0.1 for both TCP and UDP: each is held (a TCP and a UDP socket) until
     * all are chosen, so no two calls of the system's port choice can return the same port; then all are released.
     */
    static int[] freePorts(int n) {
        InetAddress loopback = ip("127.0.0.1");
        List<AutoCloseable> held = new ArrayList<>();
        int[] ports = new int[n];
        try {
            int chosen = 0;
            for (int attempt = 0; chosen < n; attempt++) {
                if (attempt == 50 * n) {
                    throw new AssertionError("no " + n + " ports free for both TCP and UDP on 127.0.0.1 after "
                            + attempt + " tries");
                }
                ServerSocket tcp = new ServerSocket(0, 1, loopback);
                held.add(tcp); // held even if its UDP twin is taken: not offered again
                int port = tcp.getLocalPort();
                try {
                    held.add(new DatagramSocket(new InetSocketAddress(loopback, port)));
                } catch (IOException taken) {
                    continue;
                }
                ports[chosen++] = port;
            }
            return ports;
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            for (AutoCloseable c : held) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // a probe
                }
            }
        }
    }

    /** Whether {@code port} can be bound now on {@code address} for both TCP and UDP. */
    static boolean isFree(InetAddress address, int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(address, port));
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port))) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
