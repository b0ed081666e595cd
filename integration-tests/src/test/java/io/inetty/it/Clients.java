package io.inetty.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** TCP connections to one address that a test keeps open together, all closed (quietly) at its end. */
final class Clients implements AutoCloseable {
    private final InetSocketAddress to;
    private final List<Socket> open = new ArrayList<>();

    Clients(InetSocketAddress to) {
        this.to = to;
    }

    /** A new connection from any local address, kept. */
    Socket connect() throws IOException {
        return connect(null);
    }

    /** A new connection from source address {@code from}, kept (see {@link Peers#connect(String, InetSocketAddress)}). */
    Socket connect(String from) throws IOException {
        Socket s = Peers.connect(from, to);
        open.add(s);
        return s;
    }

    /** The connections made so far, in order. */
    List<Socket> all() {
        return open;
    }

    @Override
    public void close() {
        open.forEach(Peers::closeQuietly);
    }
}
