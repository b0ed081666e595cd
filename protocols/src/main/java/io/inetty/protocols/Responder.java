package io.inetty.protocols;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Produces the one message a one-shot service (qotd, daytime, time) sends per connection or datagram. */
@FunctionalInterface
public interface Responder {
    /** A new buffer holding the message; the caller owns it. */
    ByteBuf respond(ByteBufAllocator alloc);
}
