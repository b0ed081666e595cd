package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Limits and access control against real sockets: a refused connection gets EOF before any byte. */
@Timeout(60)
class LimitsSocketTest {

    /** Greets each connection with one byte and keeps it open; echoes UDP. */
    static final class Hello implements Service {
        @Sharable
        static final class Greeter extends ChannelInboundHandlerAdapter {
            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('!'));
            }
        }

        @Override
        public String name() {
            return "hello";
        }

        @Override
        public int defaultPort() {
            return 0;
        }

        @Override
        public Set<Transport> transports() {
            return EnumSet.of(Transport.TCP);
        }

        @Override
        public void configureTcp(ChannelPipeline pipeline) {
            pipeline.addLast(Stages.HANDLER, new Greeter());
        }

        @Override
        public void configureUdp(ChannelPipeline pipeline) {
            throw new UnsupportedOperationException();
        }
    }

    private static InettyServer start(Limits limits, AccessPolicy access) {
        return Inetty.builder().bind("127.0.0.1").service(new Hello(), 0).threads(1).limits(limits).access(access).start();
    }

    /** Connects from {@code source} and returns the first byte, or -1 at EOF. */
    private static int firstByte(Socket s, String source, int port) throws IOException {
        s.bind(new InetSocketAddress(source, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("neither a greeting nor EOF within 5 s", e);
        } catch (IOException e) {
            return -1; // reset: refused as well
        }
    }

    @Test
    void totalLimitRefusesTheNextConnection() throws Exception {
        try (InettyServer server = start(Limits.builder().maxConnections(2).build(), AccessPolicy.OPEN);
             Socket a = new Socket(); Socket b = new Socket(); Socket c = new Socket()) {
            int port = server.port("hello");
            assertThat(firstByte(a, "127.0.0.1", port)).isEqualTo('!');
            assertThat(firstByte(b, "127.0.0.1", port)).isEqualTo('!');
            assertThat(firstByte(c, "127.0.0.1", port)).isEqualTo(-1);
            assertThat(server.metrics().count(CloseReason.MAX_CONNECTIONS)).isEqualTo(1);
            a.close();
            // The slot frees once the server has seen the close.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.metrics().openConnections() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (Socket d = new Socket()) {
                assertThat(firstByte(d, "127.0.0.1", port)).isEqualTo('!');
            }
        }
    }

    @Test
    void perAddressLimitCountsEachSourceApart() throws Exception {
        try (InettyServer server = start(Limits.builder().maxConnectionsPerIp(1).build(), AccessPolicy.OPEN);
             Socket a = new Socket(); Socket b = new Socket(); Socket c = new Socket()) {
            int port = server.port("hello");
            assertThat(firstByte(a, "127.0.0.1", port)).isEqualTo('!');
            assertThat(firstByte(b, "127.0.0.1", port)).isEqualTo(-1);
            assertThat(firstByte(c, "127.0.0.2", port)).isEqualTo('!');
            assertThat(server.metrics().count(CloseReason.MAX_CONNECTIONS_PER_IP)).isEqualTo(1);
        }
    }

    @Test
    void acceptRateLimitHolds() throws Exception {
        try (InettyServer server = start(Limits.builder().maxAcceptRate(5).build(), AccessPolicy.OPEN)) {
            int port = server.port("hello");
            List<Integer> got = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                try (Socket s = new Socket()) {
                    got.add(firstByte(s, "127.0.0.1", port));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long served = got.stream().filter(b -> b == '!').count();
            // 5 of burst plus 5 per second elapsed, never more.
            assertThat(served).isGreaterThanOrEqualTo(5).isLessThanOrEqualTo(5 + (long) Math.ceil(5 * seconds));
            assertThat(server.metrics().count(CloseReason.MAX_ACCEPT_RATE)).isEqualTo(20 - served);
        }
    }

    @Test
    void denyAndAllowBySourceAddress() throws Exception {
        try (InettyServer server = start(Limits.NONE, AccessPolicy.of(List.of("127.0.0.0/8"), List.of("127.0.0.2")));
             Socket a = new Socket(); Socket b = new Socket()) {
            int port = server.port("hello");
            assertThat(firstByte(a, "127.0.0.1", port)).isEqualTo('!');
            assertThat(firstByte(b, "127.0.0.2", port)).isEqualTo(-1);
            assertThat(server.metrics().count(CloseReason.DENIED)).isEqualTo(1);
        }
    }

    @Test
    void idleTimeoutCloses() throws Exception {
        try (InettyServer server = start(Limits.builder().idleTimeout(Duration.ofMillis(200)).build(), AccessPolicy.OPEN);
             Socket a = new Socket()) {
            int port = server.port("hello");
            assertThat(firstByte(a, "127.0.0.1", port)).isEqualTo('!');
            long t0 = System.nanoTime();
            assertThat(a.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(150);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.metrics().count(CloseReason.IDLE) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(server.metrics().count(CloseReason.IDLE)).isEqualTo(1);
        }
    }
}
