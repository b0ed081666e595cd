package io.inetty.server;

import io.netty.channel.ChannelPipeline;

/**
 * A feature's stages at one {@link Stages.Slot} of every pipeline (TLS, PROXY protocol, faults), added through
 * {@code Inetty.builder().pipeline(contributor)} without touching the engine. Called on the channel's event
 * loop when the pipeline is built, in the order of {@link Stages}; contributors of one slot are called in the
 * order they were added. A contributor may add nothing (e.g. for a binding without its option): that binding
 * then pays nothing for the feature.
 */
public interface PipelineContributor {

    /** The slot this contributor fills. */
    Stages.Slot slot();

    /** Adds this feature's stages to one accepted connection of {@code endpoint} (append with {@code addLast}). */
    default void configureTcp(Endpoint endpoint, ChannelPipeline pipeline) {
    }

    /** Adds this feature's stages to the datagram socket of {@code endpoint} (append with {@code addLast}). */
    default void configureUdp(Endpoint endpoint, ChannelPipeline pipeline) {
    }
}
