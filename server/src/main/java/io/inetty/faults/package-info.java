/**
 * The fault engine: faults on demand, reproducible, on every service and relay, TCP and UDP, changeable while the
 * server runs. {@link io.inetty.faults.Faults} is a {@link io.inetty.server.PipelineContributor} at the faults slot;
 * {@link io.inetty.faults.Fault} describes one fault; {@link io.inetty.faults.BindingFaults} holds the stacked
 * faults of one binding; {@link io.inetty.faults.FaultHandle} removes one.
 *
 * <h2>TCP (Toxiproxy's types and semantics)</h2>
 * {@code latency} (latency ± jitter per chunk), {@code bandwidth} (KB/s), {@code slow_close}, {@code timeout} (0 =
 * hold forever), {@code reset_peer} (RST), {@code slicer}, {@code limit_data} (exact). Each acts on one stream:
 * {@code upstream} = what the client sends, {@code downstream} (default) = what the service sends; {@code toxicity}
 * is the probability that a connection gets it. The faults of a connection are chosen when it opens (by its real
 * peer); one stage per chosen fault ({@code inetty.faults.N}). Held data is bounded per connection and direction
 * (reads pause, or the channel reads as unwritable).
 *
 * <h2>UDP (netem's vocabulary)</h2>
 * {@code loss} (with correlation), {@code duplicate}, {@code reorder} (gap), {@code latency} (± jitter),
 * {@code corrupt} (bits), {@code truncate} (size), {@code rate} (KB/s or pps). Downstream (default) faults act on the
 * datagrams the service sends (replies, as netem on the server's egress); upstream faults on those it receives
 * (requests). {@code toxicity} is a per-datagram probability.
 *
 * <h2>Targeting and seeds</h2>
 * {@code from} (client CIDR, IPv4 or IPv6, judged on the real peer or sender), {@code first} N, {@code every} Nth
 * (counted among those matching {@code from}), then {@code toxicity}. Every random decision of a fault comes from its
 * own generator seeded with {@code seed}, in the order connections or datagrams reach that fault on the binding: the
 * same seed and the same sequence give the same outcome. Each TCP connection gets its own generator derived from the
 * seed and its index, so its jitter and slices do not depend on other connections.
 */
package io.inetty.faults;
