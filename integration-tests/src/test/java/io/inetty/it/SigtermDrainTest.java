package io.inetty.it;

import static io.inetty.it.Peers.at;
import static io.inetty.it.Peers.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM while an echo client is mid-stream: every byte the client had written before the signal comes
 * back, in order, then EOF; the daemon exits 0 once the client closes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SigtermDrainTest {
    private static final int CHUNK = 4096;

    /** The byte at {@code position} of the client's stream (period 251, a prime: no alignment with chunks). */
    private static byte streamByte(long position) {
        return (byte) (position % 251);
    }

    @Test
    void everyByteWrittenBeforeSigtermIsEchoedThenEof() throws Exception {
        InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "echo/tcp:0");
        try (inetty; Socket s = connect(at("127.0.0.1", inetty.port("echo", "tcp")))) {
            s.setSoTimeout(15_000);
            AtomicLong written = new AtomicLong();
            AtomicLong received = new AtomicLong();
            AtomicBoolean stopWriting = new AtomicBoolean();
            AtomicBoolean eof = new AtomicBoolean();
            AtomicReference<String> mismatch = new AtomicReference<>();
            AtomicReference<Throwable> readFailure = new AtomicReference<>();

            // Paced (4 KiB a millisecond at most) so the stream does not pile up in the socket buffers: what
            // the client wrote has reached the server by the time it handles the signal.
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[CHUNK];
                try {
                    OutputStream out = s.getOutputStream();
                    while (!stopWriting.get()) {
                        long p = written.get();
                        for (int i = 0; i < CHUNK; i++) {
                            chunk[i] = streamByte(p + i);
                        }
                        out.write(chunk);
                        written.addAndGet(CHUNK);
                        Thread.sleep(1);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server closed, or the test ended
                }
            }, "drain-writer");
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[65536];
                try {
                    InputStream in = s.getInputStream();
                    int n;
                    while ((n = in.read(buf)) != -1) {
                        long p = received.get();
                        for (int i = 0; i < n; i++) {
                            if (buf[i] != streamByte(p + i) && mismatch.get() == null) {
                                mismatch.set("byte " + (p + i) + ": " + buf[i] + " instead of " + streamByte(p + i));
                            }
                        }
                        received.addAndGet(n);
                    }
                    eof.set(true);
                } catch (Throwable e) {
                    readFailure.set(e);
                }
            }, "drain-reader");
            writer.start();
            reader.start();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.get() < 1024 * 1024 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long beforeSignal = written.get();
            long receivedAtSignal = received.get();
            inetty.sigterm();

            reader.join(20_000);
            long writtenAtEof = written.get();
            stopWriting.set(true);
            writer.join(5_000);
            s.close();
            Integer exit = inetty.waitForExit(Duration.ofSeconds(15));
            String line = inetty.awaitStderrLine("peer=127.0.0.1:" + s.getLocalPort() + " ", Duration.ofSeconds(5));
            System.out.printf("[drain] SIGTERM mid-stream on echo: client had written %d B before the signal (%d B echoed"
                            + " by then), received %d B before EOF, had written %d B by EOF; exit code %s; %s%n",
                    beforeSignal, receivedAtSignal, received.get(), writtenAtEof, exit,
                    line.substring(line.indexOf("tcp echo")));

            assertThat(readFailure.get()).as("read failure").isNull();
            assertThat(mismatch.get()).as("echoed bytes differ from what was sent").isNull();
            assertThat(eof.get()).as("EOF after the drain").isTrue();
            assertThat(received.get()).as("echoed bytes vs bytes written before SIGTERM").isGreaterThanOrEqualTo(beforeSignal)
                    .isLessThanOrEqualTo(writtenAtEof);
            assertThat(exit).as(inetty.describe()).isEqualTo(0);
            assertThat(line).endsWith(" reason=shutdown");
        }
    }

    /**
     * SIGTERM while a chargen client reads slowly (the server's write buffer full): the drain flushes what
     * was written and ends the stream with EOF once the client reads on; the daemon exits 0.
     */
    @Test
    void slowChargenReaderAtSigtermGetsTheRestThenEof() throws Exception {
        InettyProcess inetty = InettyProcess.serve("--bind", "127.0.0.1", "--service", "chargen/tcp:0",
                "--shutdown-timeout", "10s");
        try (inetty; Socket s = connect(at("127.0.0.1", inetty.port("chargen", "tcp")))) {
            s.setSoTimeout(15_000);
            InputStream in = s.getInputStream();
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
            // Slow: the socket buffers and the server's write buffer fill up.
            for (int i = 0; i < 10; i++) {
                got.write(Wire.readExactly(in, 1024));
                Thread.sleep(100);
            }
            long start = System.nanoTime();
            inetty.sigterm();
            Thread.sleep(300);
            // Now read on, slowly at first (the server's buffer drains in steps), until EOF.
            byte[] buf = new byte[2048];
            int n;
            int reads = 0;
            while ((n = in.read(buf)) != -1) {
                got.write(buf, 0, n);
                if (++reads < 200) {
                    Thread.sleep(2);
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Wire.assertChargen(got.toByteArray(), true);
            s.close();
            Integer exit = inetty.waitForExit(Duration.ofSeconds(15));
            System.out.printf("[drain] SIGTERM with a slow chargen reader: %d B received, EOF %d ms after the signal,"
                    + " exit code %s%n", got.size(), millis, exit);
            assertThat(exit).as(inetty.describe()).isEqualTo(0);
            assertThat(millis).as("ms from SIGTERM to EOF (shutdown timeout 10 s)").isLessThan(9_000);
        }
    }
}
