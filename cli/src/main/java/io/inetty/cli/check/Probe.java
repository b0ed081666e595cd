package io.inetty.cli.check;

import static java.util.Objects.requireNonNull;

import io.inetty.cli.options.Target;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client side of one check: plain JDK sockets, one deadline ({@code --timeout}) for the whole check
 * (resolution, connect, every read), and I/O errors turned into the one-line reason of a {@link Failure}.
 */
public final class Probe {
    static final int FIRST_RETRY_MILLIS = 250;

    private final Duration timeout;
    private final Duration tolerance;
    private final long deadline;
    private InetSocketAddress remote;

    /** A probe whose deadline is {@code timeout} from now; {@code tolerance} bounds a clock's distance (time). */
    public Probe(Duration timeout, Duration tolerance) {
        this.timeout = requireNonNull(timeout, "timeout");
        this.tolerance = requireNonNull(tolerance, "tolerance");
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /** A failed check; the message says what was wrong. No stack trace is ever shown. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        /** A failure for {@code reason}, one line. */
        public Failure(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The largest accepted distance between a server's clock and the local one. */
    Duration tolerance() {
        return tolerance;
    }

    /** A conversation over one connected socket. */
    interface Conversation<S, T> {
        T run(S socket) throws IOException, Failure;
    }

    /** Resolves the host (a name within the deadline, in a daemon thread); the result is the peer of the check. */
    public InetSocketAddress resolve(Target target, int port) throws Failure {
        try {
            InetAddress ip = target.literal() ? InetAddress.getByName(target.host())
                    : CompletableFuture.supplyAsync(() -> lookUp(target.host())).get(remaining(), TimeUnit.MILLISECONDS);
            remote = new InetSocketAddress(ip, port);
            return remote;
        } catch (UnknownHostException | ExecutionException e) {
            throw new Failure("cannot resolve '" + target.host() + "'");
        } catch (TimeoutException e) {
            throw new Failure("cannot resolve '" + target.host() + "' within " + text(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    private static InetAddress lookUp(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Connects over TCP within the deadline, runs {@code body}, closes. */
    <T> T tcp(Conversation<Socket, T> body) throws Failure {
        try (Socket socket = new Socket()) {
            socket.connect(remote, remaining());
            socket.setTcpNoDelay(true);
            return body.run(socket);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Opens a UDP socket connected to the peer (only its datagrams are accepted), runs {@code body}, closes. */
    <T> T udp(Conversation<DatagramSocket, T> body) throws Failure {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(remote);
            return body.run(socket);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Reads up to {@code n} bytes; fewer only if the peer closed first. */
    byte[] readExactly(Socket socket, int n) throws IOException, Failure {
        return read(socket, n, false);
    }

    /** Reads until the peer closes, at most {@code max + 1} bytes (more than {@code max} is for the caller to judge). */
    byte[] readUntilEof(Socket socket, int max) throws IOException, Failure {
        return read(socket, max + 1, true);
    }

    private byte[] read(Socket socket, int limit, boolean untilEof) throws IOException, Failure {
        byte[] buf = new byte[limit];
        InputStream in = socket.getInputStream();
        int n = 0;
        try {
            while (n < limit) {
                socket.setSoTimeout(remaining());
                int r = in.read(buf, n, limit - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (SocketTimeoutException e) {
            throw new Failure(n == 0 ? "no reply within " + text(timeout) : untilEof
                    ? "connection still open " + text(timeout) + " after " + n + " bytes (expected: closed after the reply)"
                    : "only " + n + " of " + limit + " bytes within " + text(timeout));
        }
        return Arrays.copyOf(buf, n);
    }

    /**
     * Sends {@code request} and returns the first reply. UDP may lose either datagram, so the request is
     * sent again after 250 ms, 500 ms, 1 s... until the deadline (every request gets the same kind of answer).
     */
    byte[] exchange(DatagramSocket socket, byte[] request) throws IOException, Failure {
        int wait = FIRST_RETRY_MILLIS;
        for (int sent = 1; ; sent++, wait *= 2) {
            socket.send(new DatagramPacket(request, request.length));
            int left = remaining();
            try {
                return receive(socket, Math.min(wait, left));
            } catch (SocketTimeoutException e) {
                if (wait >= left) {
                    throw new Failure("no reply within " + text(timeout) + " (" + sent
                            + (sent == 1 ? " datagram sent)" : " datagrams sent)"));
                }
            }
        }
    }

    /** The next datagram within {@code millis}; throws {@code SocketTimeoutException} if none. */
    static byte[] receive(DatagramSocket socket, int millis) throws IOException {
        byte[] buf = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        socket.setSoTimeout(millis);
        socket.receive(packet);
        return Arrays.copyOf(buf, packet.getLength());
    }

    /** Milliseconds left before the deadline (at least 1, as 0 means "forever" to the JDK). */
    int remaining() throws Failure {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new Failure("no reply within " + text(timeout));
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    private Failure failure(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SocketTimeoutException) {
            return new Failure((message.contains("onnect") ? "no connection" : "no reply") + " within " + text(timeout));
        } else if (e instanceof PortUnreachableException) {
            return new Failure("port unreachable (ICMP): nothing listens there");
        } else if (e instanceof ConnectException && message.contains("refused")) {
            return new Failure("connection refused");
        } else if (e instanceof NoRouteToHostException) {
            return new Failure("no route to host");
        } else if (message.contains("reset")) {
            return new Failure("connection reset by the server");
        }
        return new Failure(e.getClass().getSimpleName() + ": " + message);
    }

    /** {@code 3s}, {@code 300ms}: a duration as the options take it. */
    public static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
