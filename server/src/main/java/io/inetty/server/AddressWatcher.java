package io.inetty.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wildcard mode's UDP follows the host's addresses: every {@link #INTERVAL_MILLIS} it lists the local unicast
 * addresses again, binds every UDP binding on an address that appeared (an IPv6 address out of duplicate address
 * detection, an address added later) at the binding's port, and closes the sockets of an address that is gone.
 * Sockets another process bound ({@link BindingOptions#SOCKETS}) are left as they are.
 * Runs on its own thread, since binding waits; {@link #close()} stops and joins it.
 */
final class AddressWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AddressWatcher.class);
    /** How often the addresses are listed again. */
    static final long INTERVAL_MILLIS = Long.getLong("inetty.udp.rescan.millis", 2000);

    private final Binder binder;
    private final List<Endpoint> endpoints;
    private final Supplier<List<InetAddress>> scan;
    private final Set<InetAddress> served = new LinkedHashSet<>();
    /** The port of each UDP binding, kept even when none of its sockets is left. */
    private final Map<ServiceBinding, Integer> ports = new HashMap<>();
    private final ScheduledExecutorService thread;
    private volatile Thread worker;

    /**
     * Starts watching; {@code endpoints} is the server's live list, updated as sockets come and go. An address
     * skipped at start (not yet usable) is tried again at every round.
     */
    AddressWatcher(Binder binder, List<Endpoint> endpoints, Supplier<List<InetAddress>> scan, long intervalMillis) {
        this.binder = binder;
        this.endpoints = endpoints;
        this.scan = scan;
        for (Endpoint e : endpoints) {
            if (follows(e)) {
                served.add(e.address().getAddress());
                ports.put(e.binding(), e.port());
            }
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new DefaultThreadFactory("inetty-addresses", true).newThread(r);
            worker = t;
            return t;
        });
        thread.scheduleWithFixedDelay(this::rescan, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** One round: bind the new addresses, close the gone ones. */
    void rescan() {
        List<InetAddress> now;
        try {
            now = scan.get();
        } catch (RuntimeException e) {
            log.debug("cannot list the host's addresses: {}", e.toString());
            return;
        }
        for (InetAddress gone : new ArrayList<>(served)) {
            if (!now.contains(gone)) {
                served.remove(gone);
                List<Endpoint> closed = endpoints.stream().filter(e -> isUdpOn(e, gone)).toList();
                closed.forEach(binder::closeUdp);
                endpoints.removeAll(closed);
                log.info("address {} is gone: closed its {} UDP socket(s)", io.netty.util.NetUtil.toAddressString(gone),
                        closed.size());
            }
        }
        for (InetAddress added : now) {
            if (!served.contains(added) && bindAll(added)) {
                served.add(added);
            }
        }
    }

    /** Binds every UDP binding on {@code address}; false (and retried next round) if it cannot be bound yet. */
    private boolean bindAll(InetAddress address) {
        List<Endpoint> bound = new ArrayList<>();
        for (ServiceBinding b : udpBindings()) {
            try {
                Endpoint e = binder.bindUdp(b, address, portOf(b));
                bound.add(e);
                log.info("serving {} udp on new address {}", b.service().name(), e.hostAndPort());
            } catch (BindFailureException failure) {
                bound.forEach(binder::closeUdp);
                if (failure.kind() != BindFailureException.Kind.ADDRESS_NOT_AVAILABLE) {
                    log.warn("cannot serve UDP on new address: {}", failure.getMessage());
                }
                return false;
            }
        }
        endpoints.addAll(bound);
        return true;
    }

    private List<ServiceBinding> udpBindings() {
        return List.copyOf(ports.keySet());
    }

    private int portOf(ServiceBinding b) {
        return ports.get(b);
    }

    private static boolean isUdpOn(Endpoint e, InetAddress address) {
        return follows(e) && e.address().getAddress().equals(address);
    }

    /** Whether {@code e} is a UDP socket this watcher keeps on the host's addresses (not one another process bound). */
    static boolean follows(Endpoint e) {
        return e.transport() == Transport.UDP && !e.options().has(BindingOptions.SOCKETS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
            Thread t = worker;
            if (t != null) {
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
