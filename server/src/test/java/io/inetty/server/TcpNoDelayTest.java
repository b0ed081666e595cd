package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Every accepted connection has Nagle's algorithm off (Netty's default, which inetty relies on) on every transport. */
class TcpNoDelayTest {
    @EachIoTransport
    void acceptedConnectionsHaveTcpNoDelay(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        CompletableFuture<Boolean> noDelay = new CompletableFuture<>();
        PipelineContributor probe = new PipelineContributor() {
            @Override
            public Stages.Slot slot() {
                return Stages.Slot.FAULTS;
            }

            @Override
            public void configureTcp(Endpoint endpoint, ChannelPipeline pipeline) {
                pipeline.addLast("test.probe", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        noDelay.complete(ctx.channel().config().getOption(ChannelOption.TCP_NODELAY));
                        ctx.fireChannelActive();
                    }
                });
            }
        };
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(TestServices.echo("echo"), Transport.TCP, 0)
                .pipeline(probe).transport(transport).threads(1).start();
             Socket client = new Socket("127.0.0.1", server.port("echo"))) {
            assertThat(noDelay.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
