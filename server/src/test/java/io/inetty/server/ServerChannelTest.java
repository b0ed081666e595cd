package io.inetty.server;

import static io.inetty.server.Net.V4_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A feature serves a listening socket of its own on the server's loops and transport (what the admin endpoint does). */
@Timeout(30)
class ServerChannelTest {
    @Test
    void aFeatureListensOnTheServersLoopsWithItsTransport() throws Exception {
        try (InettyServer server = Inetty.builder().bind("127.0.0.1").service(TestServices.echo("echo"), 0).threads(1)
                .start()) {
            CountDownLatch accepted = new CountDownLatch(1);
            Channel listener = new ServerBootstrap().group(server.eventLoopGroup())
                    .channelFactory(server.transport().serverChannel(V4_LOOPBACK))
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    accepted.countDown();
                                }
                            });
                        }
                    })
                    .bind(new InetSocketAddress(V4_LOOPBACK, 0)).sync().channel();
            assertThat(IoTransport.of(listener)).isEqualTo(server.transport());
            try (Socket s = new Socket(V4_LOOPBACK, ((InetSocketAddress) listener.localAddress()).getPort())) {
                assertThat(accepted.await(5, TimeUnit.SECONDS)).isTrue();
            }
            listener.close().sync();
        }
    }
}
