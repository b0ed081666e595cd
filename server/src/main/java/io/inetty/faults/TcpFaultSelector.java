package io.inetty.faults;

import io.inetty.server.ConnectionInfo;
import io.inetty.server.Stages;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code inetty.faults} stage of a TCP connection accepted while its binding had faults. When the connection
 * opens (admitted, its real peer known) it picks the faults that target it and puts one stage per fault in its place,
 * {@code inetty.faults.1}, {@code .2}, ...: upstream faults in stacking order from the socket side, downstream faults
 * in stacking order from the service side, so data meets the faults in the order they were added. It then removes
 * itself; a connection no fault targets keeps no fault stage.
 */
final class TcpFaultSelector extends ChannelInboundHandlerAdapter {
    private final BindingFaults binding;

    TcpFaultSelector(BindingFaults binding) {
        this.binding = binding;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress client = client(ctx);
        List<TcpStage> up = new ArrayList<>();
        List<TcpStage> down = new ArrayList<>();
        for (ActiveFault a : binding.active()) {
            long k = a.select(client);
            if (k < 0) {
                continue;
            }
            a.applied();
            TcpStage stage = stage(a, k);
            (stage.upstream ? up : down).add(stage);
        }
        ChannelPipeline p = ctx.pipeline();
        String after = ctx.name();
        int n = 0;
        for (TcpStage s : up) {
            after = add(p, after, ++n, s);
        }
        for (int i = down.size() - 1; i >= 0; i--) {
            after = add(p, after, ++n, down.get(i));
        }
        ctx.fireChannelActive();
        p.remove(this);
    }

    private static String add(ChannelPipeline p, String after, int n, TcpStage stage) {
        String name = Stages.FAULTS + "." + n;
        p.addAfter(after, name, stage);
        return name;
    }

    private static InetAddress client(ChannelHandlerContext ctx) {
        ConnectionInfo info = ConnectionInfo.of(ctx.channel());
        InetSocketAddress peer = info != null ? info.realPeer()
                : ctx.channel().remoteAddress() instanceof InetSocketAddress ? (InetSocketAddress) ctx.channel().remoteAddress()
                : null;
        return peer == null ? null : peer.getAddress();
    }

    static TcpStage stage(ActiveFault a, long k) {
        return switch (a.fault().kind()) {
            case LATENCY -> new Latency(a, k);
            case BANDWIDTH -> new Bandwidth(a, k);
            case SLICER -> new Slicer(a, k);
            case TIMEOUT -> new Timeout(a, k);
            case RESET_PEER -> new ResetPeer(a, k);
            case LIMIT_DATA -> new LimitData(a, k);
            case SLOW_CLOSE -> new SlowClose(a, k);
            default -> throw new IllegalStateException("type: " + a.fault().type() + " is not a TCP fault");
        };
    }
}
