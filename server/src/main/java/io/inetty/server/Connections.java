package io.inetty.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open TCP connections of a server, for its ordered stop. Each event loop keeps its own intrusive
 * list, touched only from that loop, so tracking a connection costs two references and no lock, map
 * entry or close listener (idle connections are the server's largest memory cost).
 */
final class Connections {
    private final Map<EventExecutor, Connection> heads = new ConcurrentHashMap<>();
    private final AtomicInteger open;

    Connections(AtomicInteger open) {
        this.open = open;
    }

    /** Adds {@code c}; called on its channel's event loop. */
    void add(EventExecutor loop, Connection c) {
        Connection head = heads.computeIfAbsent(loop, l -> Connection.sentinel());
        c.next = head.next;
        c.prev = head;
        head.next.prev = c;
        head.next = c;
        open.incrementAndGet();
    }

    /** Removes {@code c}; called on its channel's event loop. */
    void remove(Connection c) {
        if (c.prev == null) {
            return;
        }
        c.prev.next = c.next;
        c.next.prev = c.prev;
        c.prev = c.next = null;
        open.decrementAndGet();
    }

    int size() {
        return open.get();
    }

    /** Runs {@code action} on every open connection, each on its own event loop; waits until done. */
    void forEach(EventLoopGroup group, java.util.function.Consumer<Channel> action) {
        List<Future<?>> done = new ArrayList<>();
        heads.forEach((loop, head) -> done.add(loop.submit(() -> {
            List<Channel> channels = new ArrayList<>();
            for (Connection c = head.next; c != head; c = c.next) {
                channels.add(c.channel());
            }
            channels.forEach(action);
        })));
        for (Future<?> f : done) {
            f.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Waits until no connection is open, at most {@code millis}; returns whether none is. */
    boolean awaitEmpty(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (open.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return open.get() == 0;
            }
        }
        return open.get() == 0;
    }
}
