package io.inetty.relay;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Service;
import io.inetty.server.Stages;
import io.inetty.server.Transport;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * A relay: a {@link Service} that listens like one and forwards to an upstream {@code HOST:PORT}, so it gets the
 * server's access rules, limits, drain, metrics and the faults slot for free. Add it as any service:
 * {@code Inetty.builder().service(Relay.tcp("db", "127.0.0.1:5432"), 0)}; its name is the fault target
 * ({@code faults("db", Transport.TCP)}) and appears in {@code listening db tcp ADDR:PORT}.
 *
 * <p>TCP: one upstream connection per client, made on the client's event loop once the client is admitted; the
 * client's data waits until it is connected; half-close is carried both ways; each side's reads pause while the
 * other side cannot take more (memory stays bounded when a side never reads); an upstream that refuses or cannot
 * be reached resets the client (RST). UDP: one upstream socket per client address and port, replies sent back
 * from the address the client sent to; a mapping idle for {@link #DEFAULT_UDP_IDLE} (60 s) is closed; at most
 * {@link #DEFAULT_UDP_MAPPINGS} (4096) mappings per listening socket, datagrams of further new clients are
 * dropped (counted in {@link #udpRefused()}) until a mapping expires; every mapping is closed with its socket.
 */
public final class Relay implements Service {
    /** How long a UDP client mapping lives without traffic either way. */
    public static final Duration DEFAULT_UDP_IDLE = Duration.ofSeconds(60);
    /** How many UDP client mappings one listening socket keeps at most. */
    public static final int DEFAULT_UDP_MAPPINGS = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String name;
    private final Upstream upstream;
    private final Set<Transport> transports;
    private final Duration udpIdle;
    private final int udpMappings;
    private final LongAdder udpRefused = new LongAdder();

    private Relay(String name, Upstream upstream, Set<Transport> transports, Duration udpIdle, int udpMappings) {
        this.name = requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: 1-64 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit)");
        }
        this.upstream = upstream;
        this.transports = Collections.unmodifiableSet(EnumSet.copyOf(requireNonNull(transports, "transports")));
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("transports: none (expected: tcp, udp or both)");
        }
        this.udpIdle = requireNonNull(udpIdle, "udpIdle");
        if (udpIdle.isNegative() || udpIdle.isZero()) {
            throw new IllegalArgumentException("udpIdle: " + udpIdle + " (expected: a duration > 0)");
        }
        if (udpMappings < 1) {
            throw new IllegalArgumentException("udpMappings: " + udpMappings + " (expected: >= 1)");
        }
        this.udpMappings = udpMappings;
    }

    /** A relay called {@code name} to {@code upstream} ({@code HOST:PORT}, {@code [v6]:PORT}) on {@code transports}. */
    public static Relay of(String name, String upstream, Set<Transport> transports) {
        return new Relay(name, Upstream.parse(upstream), transports, DEFAULT_UDP_IDLE, DEFAULT_UDP_MAPPINGS);
    }

    /** A TCP relay. */
    public static Relay tcp(String name, String upstream) {
        return of(name, upstream, EnumSet.of(Transport.TCP));
    }

    /** A UDP relay. */
    public static Relay udp(String name, String upstream) {
        return of(name, upstream, EnumSet.of(Transport.UDP));
    }

    /** A relay on TCP and UDP. */
    public static Relay both(String name, String upstream) {
        return of(name, upstream, EnumSet.allOf(Transport.class));
    }

    /** This relay with another idle time of UDP client mappings (default 60 s). */
    public Relay withUdpIdleTimeout(Duration idle) {
        return new Relay(name, upstream, transports, idle, udpMappings);
    }

    /** This relay with another bound on UDP client mappings per listening socket (default 4096). */
    public Relay withUdpMappings(int max) {
        return new Relay(name, upstream, transports, udpIdle, max);
    }

    @Override
    public String name() {
        return name;
    }

    /** 0: a relay has no well-known port. */
    @Override
    public int defaultPort() {
        return 0;
    }

    @Override
    public Set<Transport> transports() {
        return transports;
    }

    /** The upstream as given, {@code HOST:PORT}. */
    public String upstream() {
        return upstream.toString();
    }

    /** The idle time of UDP client mappings. */
    public Duration udpIdleTimeout() {
        return udpIdle;
    }

    /** The bound on UDP client mappings per listening socket. */
    public int udpMappings() {
        return udpMappings;
    }

    /** Datagrams dropped so far because the mapping bound was reached. */
    public long udpRefused() {
        return udpRefused.sum();
    }

    Upstream target() {
        return upstream;
    }

    void refusedMapping() {
        udpRefused.increment();
    }

    @Override
    public void configureTcp(ChannelPipeline pipeline) {
        pipeline.addLast(Stages.HANDLER, new TcpRelay(upstream));
    }

    @Override
    public void configureUdp(ChannelPipeline pipeline) {
        pipeline.addLast(Stages.HANDLER, new UdpRelay(this));
    }

    @Override
    public String toString() {
        return name + " -> " + upstream;
    }
}
