package io.inetty.protocols.chargen;

import static io.inetty.protocols.TestChannels.tcpStages;
import static io.inetty.protocols.TestChannels.udpStages;

import static io.inetty.protocols.TestChannels.bytes;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.FlushValve;
import io.inetty.server.Stages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DuplexChannel;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ChargenStream on an embedded connection whose flushes are held by a {@link FlushValve} (a socket that
 * does not drain by itself): an EmbeddedChannel that drained on every flush would be an infinitely fast
 * reader, and the generator would never stop.
 */
class ChargenStreamTest {
    private static final int CHUNK = Pattern.CHUNK;
    /** Two chunks (plus per-message overhead) stay under it, the third goes over. */
    private static final int HIGH = 2 * CHUNK + CHUNK / 2;

    private final FlushValve socket = new FlushValve();
    private Conn ch;

    /** An embedded TCP connection whose input and output can be shut down and whose activity can be switched off. */
    static final class Conn extends EmbeddedChannel implements DuplexChannel {
        boolean inputShutdown;
        boolean outputShutdown;
        boolean inactive;

        Conn(ChannelHandler... handlers) {
            super(false, false, handlers);
            config().setWriteBufferWaterMark(new WriteBufferWaterMark(CHUNK, HIGH));
        }

        Conn start() throws Exception {
            register(); // fires channelActive
            return this;
        }

        @Override
        public boolean isActive() {
            return !inactive && super.isActive();
        }

        @Override
        public boolean isInputShutdown() {
            return inputShutdown;
        }

        @Override
        public boolean isOutputShutdown() {
            return outputShutdown;
        }

        @Override
        public boolean isShutdown() {
            return inputShutdown && outputShutdown;
        }

        @Override
        public ChannelFuture shutdownInput() {
            return shutdownInput(newPromise());
        }

        @Override
        public ChannelFuture shutdownOutput() {
            return shutdownOutput(newPromise());
        }

        @Override
        public ChannelFuture shutdown() {
            return shutdown(newPromise());
        }

        @Override
        public ChannelFuture shutdownInput(ChannelPromise promise) {
            return shut(true, false, promise);
        }

        @Override
        public ChannelFuture shutdownOutput(ChannelPromise promise) {
            return shut(false, true, promise);
        }

        @Override
        public ChannelFuture shutdown(ChannelPromise promise) {
            return shut(true, true, promise);
        }

        private ChannelFuture shut(boolean input, boolean output, ChannelPromise promise) {
            inputShutdown |= input;
            outputShutdown |= output;
            return promise.setSuccess();
        }
    }

    private Conn start() throws Exception {
        ch = new Conn(socket, new ChargenStream(), new OnWritable(null)).start();
        return ch;
    }

    /** Runs an action when a writability change reaches it, i.e. after ChargenStream has seen the event. */
    static final class OnWritable extends ChannelInboundHandlerAdapter {
        Runnable action;
        int writesSeen = -1;

        OnWritable(Runnable action) {
            this.action = action;
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && action != null) {
                action.run();
            }
            ctx.fireChannelWritabilityChanged();
        }
    }

    private OnWritable onWritable() {
        return ch.pipeline().get(OnWritable.class);
    }

    /** Bytes the socket has sent so far, releasing them. */
    private static byte[] sent(EmbeddedChannel ch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf buf; (buf = ch.readOutbound()) != null; ) {
            assertThat(buf.readableBytes()).isEqualTo(CHUNK);
            out.writeBytes(bytes(buf));
            buf.release();
        }
        return out.toByteArray();
    }

    private byte[] sent() {
        return sent(ch);
    }

    /** Stops the generator, lets the socket drain, then closes: bounded, leaves nothing queued. */
    private static void close(Conn ch, FlushValve socket) {
        ch.inactive = false;
        ch.outputShutdown = true;
        socket.drain();
        ch.runPendingTasks();
        sent(ch);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @AfterEach
    void closeConnection() {
        if (ch != null) {
            close(ch, socket);
        }
    }

    @Test
    void writesOnConnectOnlyWhileWritableThenFlushes() throws Exception {
        start();
        assertThat(socket.writes()).as("chunks written before the channel turned unwritable").isEqualTo(3);
        assertThat(socket.bytesWritten()).isEqualTo(3L * CHUNK);
        assertThat((socket.writes() - 1) * (long) CHUNK).as("the last chunk was written while writable")
                .isLessThanOrEqualTo(HIGH);
        assertThat(ch.isWritable()).isFalse();
        assertThat(socket.heldFlushes()).as("one flush after the writes").isEqualTo(1);
        assertThat(ch.outboundMessages()).isEmpty();
        assertThat(ch.hasPendingTasks()).as("waits for writability").isFalse();
    }

    @Test
    void resumesOnWritabilityNotInlineAndTheStreamIsContinuousAcrossChunks() throws Exception {
        start();
        OnWritable probe = onWritable();
        probe.action = () -> probe.writesSeen = socket.writes();
        for (int round = 1; round <= 5; round++) {
            // The peer reads everything: writable again. (An EmbeddedChannel runs pending tasks at the end
            // of each flush, so the generator's scheduled task has run when drain() returns.)
            socket.drain();
            assertThat(probe.writesSeen).as("nothing generated inside the writability event").isEqualTo(3 * round);
            ch.runPendingTasks();
            assertThat(socket.writes()).isEqualTo(3 * (round + 1));
            assertThat(ch.isWritable()).isFalse();
            assertThat(ch.hasPendingTasks()).isFalse();
        }
        socket.drain();
        byte[] sent = sent();
        assertThat(sent).hasSize(18 * CHUNK);
        assertThat(sent).isEqualTo(PatternTest.reference(0, sent.length));
    }

    @Test
    void writabilityEventsWhileUnwritableDoNothing() throws Exception {
        start();
        ch.pipeline().fireChannelWritabilityChanged();
        assertThat(ch.hasPendingTasks()).isFalse();
        ch.runPendingTasks();
        assertThat(socket.writes()).isEqualTo(3);
    }

    @Test
    void stopsOnceOutputIsShutDown() throws Exception {
        start();
        ch.shutdownOutput(); // e.g. half-closed while the socket still drains
        socket.drain();
        ch.runPendingTasks();
        assertThat(socket.writes()).isEqualTo(3);
        assertThat(sent()).hasSize(3 * CHUNK);

        ch.pipeline().fireChannelWritabilityChanged();
        ch.runPendingTasks();
        assertThat(socket.writes()).isEqualTo(3);
    }

    /** The connection ends (output shut down, or inactive) after writability returned but before the next run. */
    @ParameterizedTest(name = "stops when the channel turns {0} between writability and the scheduled run")
    @ValueSource(strings = {"output-shutdown", "inactive"})
    void stopsWhenTheConnectionEndsBetweenWritabilityAndTheScheduledRun(String end) throws Exception {
        start();
        onWritable().action = end.equals("inactive") ? () -> ch.inactive = true : () -> ch.outputShutdown = true;
        socket.drain();
        ch.runPendingTasks();
        assertThat(socket.writes()).isEqualTo(3);
        assertThat(sent()).hasSize(3 * CHUNK);
    }

    @Test
    void writesNothingWhenOutputIsShutDownBeforeConnect() throws Exception {
        ch = new Conn(socket, new ChargenStream());
        ch.outputShutdown = true;
        ch.start();
        assertThat(socket.writes()).isZero();
    }

    @Test
    void ignoresAndReleasesInput() throws Exception {
        start();
        ByteBuf input = Unpooled.copiedBuffer("please stop\r\n", US_ASCII);
        assertThat(ch.writeInbound(input)).isFalse();
        assertThat(input.refCnt()).isZero();
        assertThat(ch.inboundMessages()).isEmpty();
        assertThat(socket.writes()).isEqualTo(3);
    }

    @Test
    void eachConnectionGetsItsOwnGeneratorStartingAtTheBeginning() throws Exception {
        ChannelHandler init = tcpStages(new Chargen());
        ch = new Conn(socket, init).start();
        FlushValve otherSocket = new FlushValve();
        Conn other = new Conn(otherSocket, init).start();
        try {
            assertThat(ch.pipeline().get(Stages.HANDLER)).isInstanceOf(ChargenStream.class)
                    .isNotSameAs(other.pipeline().get(Stages.HANDLER));
            socket.drain(); // writable again: the first connection generates its second round
            socket.drain();
            otherSocket.drain();

            byte[] first = sent();
            assertThat(first).hasSize(6 * CHUNK).isEqualTo(PatternTest.reference(0, 6 * CHUNK));
            byte[] second = new byte[3 * CHUNK];
            for (int i = 0; i < 3; i++) {
                ByteBuf buf = other.readOutbound();
                buf.readBytes(second, i * CHUNK, CHUNK);
                buf.release();
            }
            assertThat(second).isEqualTo(PatternTest.reference(0, 3 * CHUNK));
        } finally {
            close(other, otherSocket);
        }
    }

    /**
     * An infinitely fast reader (every flush drains): one turn of the event loop writes the turn's budget and no
     * more; the generator continues only when the loop runs its scheduled tasks, after its next round of I/O.
     */
    @Test
    void aFastReaderGetsOneBudgetPerTurnOfTheLoop() throws Exception {
        int[] writes = {0};
        Conn fast = new Conn(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                writes[0]++;
                ctx.write(msg, promise);
            }
        }, new ChargenStream());
        fast.config().setWriteBufferWaterMark(WriteBufferWaterMark.DEFAULT);
        fast.start();
        try {
            int perTurn = ChargenStream.TURN_BUDGET / CHUNK;
            int turns = writes[0] / perTurn; // EmbeddedChannel's register() already ran one pass of tasks
            assertThat(writes[0]).isEqualTo(turns * perTurn);
            for (int i = 1; i <= 3; i++) {
                fast.runPendingTasks(); // one more turn: only its scheduled continuation runs
                assertThat(writes[0]).as("turn %d", turns + i).isEqualTo((turns + i) * perTurn);
            }
            int total = (turns + 3) * ChargenStream.TURN_BUDGET;
            assertThat(sent(fast)).hasSize(total).isEqualTo(PatternTest.reference(0, total));
        } finally {
            fast.inactive = true;
            fast.runPendingTasks();
            sent(fast);
            fast.finishAndReleaseAll();
        }
    }
}
