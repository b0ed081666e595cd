package io.inetty.it;

import static io.inetty.it.Wire.TIMEOUT_MS;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import org.apache.commons.net.DatagramSocketClient;
import org.apache.commons.net.SocketClient;

/** Apache Commons Net clients, opened for one conversation with the tests' timeouts and always closed again. */
final class CommonsNet {
    private CommonsNet() {
    }

    /** What a test does with an open client. */
    @FunctionalInterface
    interface Conversation<C, T> {
        T with(C client) throws Exception;
    }

    /** What a test does with an open client and its socket (for what the client itself cannot do). */
    @FunctionalInterface
    interface SocketConversation<C, S, T> {
        T with(C client, S socket) throws Exception;
    }

    /** Connects {@code client} (connect and read timeouts {@link Wire#TIMEOUT_MS}), talks, disconnects. */
    static <C extends SocketClient, T> T tcp(C client, InetAddress address, int port, Conversation<C, T> talk)
            throws Exception {
        client.setConnectTimeout(TIMEOUT_MS);
        client.setDefaultTimeout(TIMEOUT_MS);
        client.connect(address, port);
        try {
            return talk.with(client);
        } finally {
            client.disconnect();
        }
    }

    /** Opens {@code client} (2 s for each reply; wrap calls in {@link Wire#retryUdp}), talks, closes. */
    static <C extends DatagramSocketClient, T> T udp(C client, Conversation<C, T> talk) throws Exception {
        client.open();
        try {
            client.setSoTimeout(2000);
            return talk.with(client);
        } finally {
            client.close();
        }
    }

    /** {@link #tcp}, also handing over the client's socket. */
    static <C extends SocketClient, T> T tcpWithSocket(C client, InetAddress address, int port,
                                                      SocketConversation<C, Socket, T> talk) throws Exception {
        Wire.CapturingSocketFactory sockets = new Wire.CapturingSocketFactory();
        client.setSocketFactory(sockets);
        return tcp(client, address, port, c -> talk.with(c, sockets.last));
    }

    /** {@link #udp}, also handing over the client's socket. */
    static <C extends DatagramSocketClient, T> T udpWithSocket(C client, SocketConversation<C, DatagramSocket, T> talk)
            throws Exception {
        Wire.CapturingDatagramSocketFactory sockets = new Wire.CapturingDatagramSocketFactory();
        client.setDatagramSocketFactory(sockets);
        return udp(client, c -> talk.with(c, sockets.last));
    }
}
