package io.inetty.faults;

import static java.util.Objects.requireNonNull;

import io.inetty.server.Endpoint;
import io.inetty.server.InettyServer;
import io.inetty.server.PipelineContributor;
import io.inetty.server.Stages;
import io.inetty.server.Transport;
import io.netty.channel.ChannelPipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fault engine: a {@link PipelineContributor} at the {@link Stages.Slot#FAULTS} slot holding the faults of every
 * binding, changeable while the server runs. Add it with {@code Inetty.builder().pipeline(Faults.create())}, find it
 * again with {@link #of(InettyServer)}, and use {@code faults("echo", Transport.TCP).add(Fault.latency(...))}.
 *
 * <p>Cost when unused: a TCP connection accepted while its binding has no fault gets no stage; a UDP socket always
 * has one stage whose fast path is one volatile read of an empty array per datagram (so that a fault added later
 * applies from the very next datagram, with no pipeline change racing the traffic).
 */
public final class Faults implements PipelineContributor {
    private final Map<String, BindingFaults> bindings = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> applied = new ConcurrentHashMap<>();

    private Faults() {
    }

    /** A fault engine with no fault. */
    public static Faults create() {
        return new Faults();
    }

    /** The fault engine among {@code server}'s contributors; {@code IllegalStateException} if it has none. */
    public static Faults of(InettyServer server) {
        requireNonNull(server, "server");
        for (PipelineContributor c : server.config().contributors()) {
            if (c instanceof Faults) {
                return (Faults) c;
            }
        }
        throw new IllegalStateException("faults: the server has no fault engine"
                + " (expected: Inetty.builder().pipeline(Faults.create()))");
    }

    /** The faults of {@code service} (or relay) on {@code transport}; an empty set until faults are added. */
    public BindingFaults faults(String service, Transport transport) {
        requireNonNull(service, "service");
        requireNonNull(transport, "transport");
        return bindings.computeIfAbsent(service + "/" + transport.label(), k -> new BindingFaults(this, service, transport));
    }

    /** Every binding that has faults now. */
    public List<BindingFaults> withFaults() {
        return bindings.values().stream().filter(b -> !b.isEmpty())
                .sorted(Comparator.comparing(BindingFaults::toString)).toList();
    }

    /** Removes every fault of every binding (as Toxiproxy's reset). */
    public void clearAll() {
        bindings.values().forEach(BindingFaults::clear);
    }

    /**
     * How many times faults were applied so far, by service, transport and type (a TCP connection that got a fault,
     * a UDP datagram a fault acted on); monotonic, kept after a fault is removed.
     */
    public List<Applied> applied() {
        List<Applied> out = new ArrayList<>();
        applied.forEach((k, v) -> out.add(new Applied(k.service(), k.transport(), k.type(), v.sum())));
        out.sort(Comparator.comparing(Applied::service).thenComparing(Applied::transport).thenComparing(Applied::type));
        return out;
    }

    LongAdder counter(String service, Transport transport, String type) {
        return applied.computeIfAbsent(new Key(service, transport, type), k -> new LongAdder());
    }

    @Override
    public Stages.Slot slot() {
        return Stages.Slot.FAULTS;
    }

    @Override
    public void configureTcp(Endpoint endpoint, ChannelPipeline pipeline) {
        BindingFaults b = bindings.get(endpoint.service() + "/" + Transport.TCP.label());
        if (b == null || b.isEmpty()) {
            return;
        }
        pipeline.addLast(Stages.FAULTS, new TcpFaultSelector(b));
    }

    @Override
    public void configureUdp(Endpoint endpoint, ChannelPipeline pipeline) {
        pipeline.addLast(Stages.FAULTS, new UdpFaultStage(faults(endpoint.service(), Transport.UDP)));
    }

    /**
     * A count of faults applied (the admin exports it as {@code inetty_faults_applied_total}).
     *
     * @param service the service or relay
     * @param transport TCP or UDP
     * @param type the fault type ({@code latency}, {@code loss}, ...)
     * @param count how many times so far
     */
    public record Applied(String service, Transport transport, String type, long count) {
    }

    private record Key(String service, Transport transport, String type) {
    }
}
