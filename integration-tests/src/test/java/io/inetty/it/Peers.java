package io.inetty.it;

import static io.inetty.it.Wire.TIMEOUT_MS;
import static io.inetty.it.Wire.ip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client-side helpers of the "open network" tests: connections from a chosen source address, abrupt
 * closes, paced UDP floods, and parsing of the access log's {@code key=value} fields.
 */
final class Peers {
    /** IP and UDP header bytes of an IPv4 datagram, as the amplification guard counts them. */
    static final int IPV4_HEADERS = 20 + 8;
    static final int MIB = 1024 * 1024;

    private Peers() {
    }

    /** A daemon serving {@code service} ({@code NAME[/TRANSPORT]}) on port 0 of 127.0.0.1 only, with {@code options}. */
    static InettyProcess serveOnLoopback(String service, String... options) {
        return serveOnLoopback(List.of(service), options);
    }

    /** A daemon serving each of {@code services} on its own port (0) of 127.0.0.1 only, with {@code options}. */
    static InettyProcess serveOnLoopback(List<String> services, String... options) {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1"));
        services.forEach(s -> args.addAll(List.of("--service", s + ":0")));
        args.addAll(List.of(options));
        return InettyProcess.serve(args.toArray(String[]::new));
    }

    static InetSocketAddress at(String host, int port) {
        return new InetSocketAddress(ip(host), port);
    }

    /** A TCP connection to {@code to} from source address {@code from} (any port), read timeout set. */
    static Socket connect(String from, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        try {
            if (from != null) {
                s.bind(new InetSocketAddress(ip(from), 0));
            }
            s.connect(to, TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    static Socket connect(InetSocketAddress to) throws IOException {
        return connect(null, to);
    }

    /** Closes with a reset (SO_LINGER 0): the abrupt end of a careless or hostile peer. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed by the peer: close anyway
        }
        closeQuietly(s);
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a test's cleanup
        }
    }

    /** The numeric field {@code name=123} of an access-log line. */
    static long field(String line, String name) {
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "=(\\d+)").matcher(line);
        if (!m.find()) {
            throw new AssertionError("no " + name + "= in: " + line);
        }
        return Long.parseLong(m.group(1));
    }

    /** The sum of a numeric field over lines. */
    static long sum(List<String> lines, String name) {
        return lines.stream().mapToLong(l -> field(l, name)).sum();
    }

    /** The UDP aggregate access-log lines of one service (one per socket and interval). */
    static List<String> udpLines(InettyProcess inetty, String service) {
        return inetty.stderrLines(" udp " + service + " local=");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ---------------------------------------------------------------- UDP floods

    /** What a flood sent and got back, on the wire (IPv4 headers included) and as payload. */
    record Flood(int sent, long sentWireBytes, long replies, long replyPayloadBytes, long replyWireBytes,
                 double seconds) {
        double ratio() {
            return (double) replyWireBytes / sentWireBytes;
        }

        double rate() {
            return sent / seconds;
        }

        @Override
        public String toString() {
            return String.format("sent %d datagrams (%d B on the wire) in %.2f s (%.0f/s), got %d replies (%d B payload,"
                            + " %d B on the wire): out/in ratio %.3f", sent, sentWireBytes, seconds, rate(), replies,
                    replyPayloadBytes, replyWireBytes, ratio());
        }
    }

    /**
     * Sends {@code count} datagrams of {@code size} bytes from a socket bound to {@code from}, paced at
     * {@code perMilli} a millisecond, while a thread counts the replies; waits until the replies have
     * been quiet for 500 ms after the last send.
     */
    static Flood flood(String from, InetSocketAddress to, int count, int size, int perMilli) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ip(from), 0))) {
            socket.setReceiveBufferSize(8 * MIB);
            socket.setSoTimeout(100);
            AtomicLong replies = new AtomicLong();
            AtomicLong replyBytes = new AtomicLong();
            AtomicLong lastReply = new AtomicLong(System.nanoTime());
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread receiver = new Thread(() -> {
                DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
                while (true) {
                    try {
                        socket.receive(p);
                        replies.incrementAndGet();
                        replyBytes.addAndGet(p.getLength());
                        lastReply.set(System.nanoTime());
                    } catch (SocketTimeoutException e) {
                        if (!sending.get() && System.nanoTime() - lastReply.get() > TimeUnit.MILLISECONDS.toNanos(500)) {
                            return;
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "flood-receiver");
            receiver.start();
            byte[] payload = new byte[size];
            DatagramPacket request = new DatagramPacket(payload, size, to);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + TimeUnit.MICROSECONDS.toNanos(1000L * i / perMilli);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                socket.send(request);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            lastReply.set(Math.max(lastReply.get(), System.nanoTime()));
            sending.set(false);
            receiver.join(30_000);
            return new Flood(count, (long) count * (size + IPV4_HEADERS), replies.get(), replyBytes.get(),
                    replyBytes.get() + replies.get() * IPV4_HEADERS, seconds);
        }
    }

    static DatagramSocket udpFrom(String from) throws IOException {
        return new DatagramSocket(new InetSocketAddress(ip(from), 0));
    }

    static InetAddress addr(String literal) {
        return ip(literal);
    }
}
