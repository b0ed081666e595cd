package io.inetty.protocols.discard;

import io.inetty.protocols.BaseService;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Discard (RFC 863, port 9): reads and drops everything, never replies, on TCP and UDP. */
public final class Discard extends BaseService {
    /** The registered name. */
    public static final String NAME = "discard";

    /** Discard on port 9, TCP and UDP. */
    public Discard() {
        super(NAME, 9);
        sharedStages(Sink.INSTANCE);
    }

    /** Releases every message (stream bytes or datagrams) and sends nothing. */
    @Sharable
    static final class Sink extends ChannelInboundHandlerAdapter {
        static final Sink INSTANCE = new Sink();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
