package io.inetty.cli.systemd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.DomainDatagramSocketAddress;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify's datagrams arrive at a receiving AF_UNIX socket bound where NOTIFY_SOCKET says. */
@Timeout(30)
class NotifyTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void nativeSockets() {
        Epoll.ensureAvailability();
    }

    @Test
    void readyAndStoppingReachAPathSocket() throws IOException {
        Path path = tmp.resolve("notify");
        Socket receiver = Socket.newSocketDomainDgram();
        try {
            receiver.bind(new DomainSocketAddress(path.toString()));
            Notify notify = Notify.from(Map.of("NOTIFY_SOCKET", path.toString()));
            assertThat(notify.enabled()).isTrue();
            notify.ready("serving 2 socket(s)");
            assertThat(receive(receiver)).isEqualTo("READY=1\nSTATUS=serving 2 socket(s)\n");
            notify.stopping("draining");
            assertThat(receive(receiver)).isEqualTo("STOPPING=1\nSTATUS=draining\n");
        } finally {
            receiver.close();
        }
    }

    @Test
    void anAtSignNamesTheAbstractNamespace() throws IOException {
        String name = "inetty-notify-test-" + ProcessHandle.current().pid();
        Socket receiver = Socket.newSocketDomainDgram();
        try {
            receiver.bind(new DomainSocketAddress("\0" + name));
            Notify.from(Map.of("NOTIFY_SOCKET", "@" + name)).ready("x");
            assertThat(receive(receiver)).startsWith("READY=1\n");
        } finally {
            receiver.close();
        }
    }

    @Test
    void withoutAListenerOrAUsableAddressNothingIsSentAndNothingFails() {
        assertThat(Notify.from(Map.of()).enabled()).isFalse();
        assertThat(Notify.from(Map.of("NOTIFY_SOCKET", "relative/path")).enabled()).isFalse();
        Notify nobody = Notify.from(Map.of("NOTIFY_SOCKET", tmp.resolve("absent").toString()));
        assertThat(nobody.send("READY=1\n")).as("no socket there: logged, not thrown").isFalse();
    }

    /** One datagram from the non-blocking receiver, polled for up to 5 s. */
    private static String receive(Socket receiver) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            DomainDatagramSocketAddress from = receiver.recvFromDomainSocket(buf, 0, buf.capacity());
            if (from != null) {
                byte[] bytes = new byte[from.receivedAmount()];
                buf.get(0, bytes);
                return new String(bytes, UTF_8);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no notification within 5 s");
    }
}
