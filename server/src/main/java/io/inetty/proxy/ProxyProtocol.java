package io.inetty.proxy;

import static java.util.Objects.requireNonNull;

import io.inetty.server.AccessPolicy;
import io.inetty.server.IpNetwork;
import io.inetty.server.Endpoint;
import io.inetty.server.PipelineContributor;
import io.inetty.server.Stages;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PROXY protocol v1/v2 from trusted sources: add it with {@code Inetty.builder().pipeline(proxy)}. Trusted
 * connections must start with a header within {@link #headerTimeout()}; others are served as they are.
 */
public final class ProxyProtocol implements PipelineContributor {
    /** How long a trusted connection may take to send its header, by default. */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(3);
    /** The most TLV bytes a v2 header may carry after its addresses (TCP and UDP). */
    public static final int MAX_TLV_BYTES = 4096;
    /** The stage name of Netty's decoder, before {@link Stages#PROXY}. */
    static final String DECODER = Stages.PROXY + ".decoder";

    private final List<String> trusted;
    private final AccessPolicy trust;
    private final Duration headerTimeout;
    private final DatagramProxyDecoder datagrams;

    private ProxyProtocol(Builder b) {
        this.trusted = List.copyOf(b.trusted);
        this.trust = AccessPolicy.of(trusted, List.of());
        this.headerTimeout = b.headerTimeout;
        this.datagrams = new DatagramProxyDecoder(trust);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The trusted sources as given. */
    public List<String> trusted() {
        return trusted;
    }

    /** How long a trusted connection may take to send its header. */
    public Duration headerTimeout() {
        return headerTimeout;
    }

    /** Whether a connection or datagram from {@code source} must carry a PROXY header. */
    public boolean trusts(InetSocketAddress source) {
        return source != null && source.getAddress() != null && trust.allows(source.getAddress());
    }

    @Override
    public Stages.Slot slot() {
        return Stages.Slot.PROXY;
    }

    @Override
    public void configureTcp(Endpoint endpoint, ChannelPipeline pipeline) {
        if (!trusts((InetSocketAddress) pipeline.channel().remoteAddress())) {
            return;
        }
        pipeline.addLast(DECODER, new HAProxyMessageDecoder(MAX_TLV_BYTES));
        pipeline.addLast(Stages.PROXY, new ProxyHeader(headerTimeout));
    }

    @Override
    public void configureUdp(Endpoint endpoint, ChannelPipeline pipeline) {
        pipeline.addLast(Stages.PROXY, datagrams);
    }

    /** Collects the trusted sources and the header timeout. */
    public static final class Builder {
        private final List<String> trusted = new ArrayList<>();
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;

        private Builder() {
        }

        /**
         * Trusts the proxies at {@code cidr} ({@code 10.0.0.0/8}, {@code fd00::/8}, a bare address); throws
         * {@code IllegalArgumentException} naming a bad value.
         */
        public Builder trust(String cidr) {
            requireNonNull(cidr, "cidr");
            try {
                IpNetwork.parse(cidr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trust: '" + cidr + "' (expected: an IP literal or CIDR, e.g. "
                        + "10.0.0.0/8 or ::1/128)", e);
            }
            trusted.add(cidr.strip());
            return this;
        }

        /** How long a trusted connection may take to send its header (default 3 s). */
        public Builder headerTimeout(Duration timeout) {
            requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("headerTimeout: " + timeout + " (expected: > 0)");
            }
            this.headerTimeout = timeout;
            return this;
        }

        /** The contributor; throws if no source is trusted. */
        public ProxyProtocol build() {
            if (trusted.isEmpty()) {
                throw new IllegalArgumentException("trust: none (expected: at least one CIDR of trusted proxies)");
            }
            return new ProxyProtocol(this);
        }
    }
}
