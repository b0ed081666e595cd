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
import java.util.function.Consumer;

/**
 * The open TCP connections of a server, for its ordered stop. Each event loop keeps its own intrusive
 * list, touched only from that loop, so tracking a connection costs two references and no lock, map
 * entry or close listener (idle connections are the server's largest memory cost).
 */
final class Connections {
    private final Map<EventExecutor, Connection> heads = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    /** Set when the stop begins: a connection that becomes active after it is drained at once. */
    private volatile boolean stopping;

    /** Adds {@code c} and returns true, or returns false when the server is stopping; called on its event loop. */
    boolean add(EventExecutor loop, Connection c) {
        Connection head = heads.computeIfAbsent(loop, l -> Connection.sentinel());
        c.next = head.next;
        c.prev = head;
        head.next.prev = c;
        head.next = c;
        open.incrementAndGet();
        return !stopping;
    }

    /** Removes {@code c}; called on its event loop. */
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

    /**
     * Marks the server as stopping, then waits until every loop of {@code group} has run what was queued before
     * (an accepted connection whose registration is still queued on its loop becomes active, sees the mark and
     * drains itself: it is not left to the loops' shutdown).
     */
    void beginStop(EventLoopGroup group) {
        stopping = true;
        List<Future<?>> done = new ArrayList<>();
        for (EventExecutor loop : group) {
            try {
                done.add(loop.submit(() -> { }));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // a loop that has stopped already has nothing queued
            }
        }
        done.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
    }

    /** Runs {@code action} on every open connection, each on its own event loop; waits until done. */
    void forEach(Consumer<Channel> action) {
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
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return open.get() == 0;
            }
        }
        return open.get() == 0;
    }
}
