package io.inetty.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inetty.server.Stages;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class InitializersTest {

    static final class Stateful extends ChannelInboundHandlerAdapter {
    }

    @Sharable
    static final class Stateless extends ChannelInboundHandlerAdapter {
    }

    @Test
    void sharedRejectsANonSharableHandler() {
        assertThatThrownBy(() -> Initializers.shared(new Stateful()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Stateful.class.getName())
                .hasMessageContaining("@Sharable");
        assertThatThrownBy(() -> Initializers.shared(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Initializers.perChannel(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sharedIsTheHandlerItselfForTheServerToAddAsTheHandlerStage() {
        Stateless handler = new Stateless();
        ChannelHandler stage = Initializers.shared(handler);
        assertThat(stage).as("no initializer to run per connection").isSameAs(handler)
                .isNotInstanceOf(ChannelInitializer.class);
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        a.pipeline().addLast(Stages.HANDLER, stage);
        b.pipeline().addLast(Stages.HANDLER, stage);
        assertThat(a.pipeline().get(Stages.HANDLER)).isSameAs(b.pipeline().get(Stages.HANDLER));
        assertThat(a.finish()).isFalse();
        assertThat(b.finish()).isFalse();
    }

    @Test
    void perChannelAddsANewInstanceToEachChannel() {
        ChannelHandler init = Initializers.perChannel(Stateful::new);
        assertThat(TestChannels.isSharable(init)).isTrue();
        EmbeddedChannel a = new EmbeddedChannel(init);
        EmbeddedChannel b = new EmbeddedChannel(init);
        assertThat(a.pipeline().get(Stages.HANDLER)).isInstanceOf(Stateful.class)
                .isNotSameAs(b.pipeline().get(Stages.HANDLER));
        assertThat(a.finish()).isFalse();
        assertThat(b.finish()).isFalse();
    }
}
