package io.inetty.cli.systemd;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sd_notify}: tells the service manager of a {@code Type=notify} unit that {@code serve} is ready (every socket
 * bound) or stopping, by one datagram to the AF_UNIX socket {@code NOTIFY_SOCKET} names (a path, or {@code @name} in
 * the abstract namespace). Java 17 cannot send AF_UNIX datagrams, so this uses the native socket of Netty's
 * unix-common library (the one its epoll transport loads): one synchronous {@code sendto} from the thread that
 * reached the state, with no channel or event loop to set up or to outlive. A failure to notify is logged, never
 * fatal. Without {@code NOTIFY_SOCKET} it does nothing.
 */
public final class Notify {
    private static final Logger log = LoggerFactory.getLogger("inetty");
    private static final int ATTEMPTS = 50;

    private final String socket;
    private final byte[] address;

    private Notify(String socket, byte[] address) {
        this.socket = socket;
        this.address = address;
    }

    /** The notifier {@code env} asks for: off unless NOTIFY_SOCKET holds a path or an {@code @abstract} name. */
    public static Notify from(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return new Notify(null, null);
        }
        if (!socket.startsWith("/") && !socket.startsWith("@") || socket.length() < 2) {
            log.warn("NOTIFY_SOCKET: '{}' (expected: a path or an @abstract name); not notifying", socket);
            return new Notify(null, null);
        }
        byte[] address = socket.getBytes(UTF_8);
        if (address[0] == '@') {
            address[0] = 0;
        }
        return new Notify(socket, address);
    }

    /** Whether a service manager listens. */
    public boolean enabled() {
        return address != null;
    }

    /** {@code READY=1}: startup finished, every socket is bound. */
    public void ready(String status) {
        send("READY=1\nSTATUS=" + status + "\n");
    }

    /** {@code STOPPING=1}: the stop began (the service manager shows the unit as deactivating). */
    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + status + "\n");
    }

    /** Sends one notification (newline-separated {@code KEY=VALUE} lines); returns whether it was sent. */
    boolean send(String state) {
        if (address == null) {
            return false;
        }
        if (!Epoll.isAvailable()) {
            log.warn("NOTIFY_SOCKET: cannot notify {}: native socket support unavailable: {}", socket,
                    Epoll.unavailabilityCause().toString());
            return false;
        }
        byte[] bytes = state.getBytes(UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        Socket s = null;
        try {
            s = Socket.newSocketDomainDgram();
            // The socket is non-blocking: a full queue of the receiver (EAGAIN) reads as 0 bytes sent.
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (s.sendToDomainSocket(buffer, 0, bytes.length, address) > 0) {
                    return true;
                }
                Thread.sleep(20);
            }
            log.warn("NOTIFY_SOCKET: {} did not take '{}' within 1 s", socket, state.lines().findFirst().orElse(""));
        } catch (IOException | RuntimeException e) {
            log.warn("NOTIFY_SOCKET: cannot notify {} of '{}': {}", socket, state.lines().findFirst().orElse(""),
                    e.getMessage() != null ? e.getMessage() : e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    log.debug("closing the notification socket: {}", e.toString());
                }
            }
        }
        return false;
    }
}
