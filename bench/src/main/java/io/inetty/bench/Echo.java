package io.inetty.bench;

import io.netty.buffer.ByteBuf;

/** The echo a connection waits for, {@code size} bytes of the pattern from {@code offset}, checked as it arrives. */
final class Echo {
    /** What {@link #feed} found. */
    private enum Progress { MISMATCH, MORE, COMPLETE }

    private final Payload payload;
    private long offset;
    private int size;
    private int received;

    Echo(Payload payload) {
        this.payload = payload;
    }

    /** Waits for a new echo. */
    void expect(long offset, int size) {
        this.offset = offset;
        this.size = size;
        this.received = 0;
    }

    /** Checks {@code msg}, a {@code ByteBuf} it releases: runs {@code mismatch}, or {@code complete} once whole. */
    void read(Object msg, Runnable mismatch, Runnable complete) {
        ByteBuf in = (ByteBuf) msg;
        try {
            Progress progress = feed(in);
            if (progress == Progress.MISMATCH) {
                mismatch.run();
            } else if (progress == Progress.COMPLETE) {
                complete.run();
            }
        } finally {
            in.release();
        }
    }

    /** Checks the readable bytes of {@code in}: a wrong or surplus byte is a mismatch. */
    private Progress feed(ByteBuf in) {
        int n = in.readableBytes();
        if (received + n > size || !payload.matches(in, in.readerIndex(), offset + received, n)) {
            return Progress.MISMATCH;
        }
        received += n;
        return received == size ? Progress.COMPLETE : Progress.MORE;
    }
}
