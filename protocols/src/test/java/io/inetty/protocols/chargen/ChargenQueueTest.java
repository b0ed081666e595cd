package io.inetty.protocols.chargen;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** chargen queues up to 4 MiB of pattern slices on a connection left at Netty's default water marks. */
class ChargenQueueTest {

    @Test
    void raisesTheDefaultWaterMarks() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(new ChargenStream());
        assertThat(ch.config().getWriteBufferWaterMark()).isSameAs(ChargenStream.QUEUE);
        assertThat(ChargenStream.QUEUE.high()).isEqualTo(4 * 1024 * 1024);
        ch.finishAndReleaseAll();
    }

    @Test
    void keepsWaterMarksConfiguredOtherwise() {
        EmbeddedChannel ch = new EmbeddedChannel();
        WriteBufferWaterMark own = new WriteBufferWaterMark(1024, 2048);
        ch.config().setWriteBufferWaterMark(own);
        ch.pipeline().addLast(new ChargenStream());
        assertThat(ch.config().getWriteBufferWaterMark()).isSameAs(own);
        ch.finishAndReleaseAll();
    }
}
