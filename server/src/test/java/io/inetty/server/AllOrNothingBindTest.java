package io.inetty.server;

import static io.inetty.server.Net.V4_LOOPBACK;
import static io.inetty.server.Net.V6_LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failed bind stops the start, names what failed and why, and leaves nothing bound. */
@Timeout(60)
class AllOrNothingBindTest {

    @EachIoTransport
    void tcpPortInUseFailsTheWholeStart(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        int first = Net.freePort();
        try (ServerSocket occupied = new ServerSocket(0, 1, V4_LOOPBACK)) {
            int busy = occupied.getLocalPort();
            InettyException e = catchThrowableOfType(InettyException.class, () -> Inetty.builder()
                    .bind("127.0.0.1").bind("::1")
                    .service(TestServices.echo("alpha"), first)
                    .service(TestServices.echo("beta"), busy)
                    .transport(transport).threads(1).start().close());
            assertThat(e).as("start must fail").isNotNull();
            assertThat(e.getMessage())
                    .startsWith("cannot bind beta/tcp to 127.0.0.1:" + busy + ": Address already in use")
                    .contains("beta", "tcp", "127.0.0.1", String.valueOf(busy), "Address already in use")
                    .contains("another process serves this port");
            assertThat(e.getCause()).isNotNull();
            assertThat(((BindFailureException) e).kind()).isEqualTo(BindFailureException.Kind.ADDRESS_IN_USE);
            assertThat(((BindFailureException) e).service()).isEqualTo("beta");
            assertThat(((BindFailureException) e).transport()).isEqualTo(Transport.TCP);
            assertThat(((BindFailureException) e).address()).isEqualTo(new InetSocketAddress(V4_LOOPBACK, busy));
            // Nothing of the first service (TCP and UDP, both families) is left bound.
            Net.assertAllBindable(first);
        }
    }

    @EachIoTransport
    void udpPortInUseFailsTheWholeStart(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        int first = Net.freePort();
        int busy = Net.freePort();
        try (DatagramSocket occupied = new DatagramSocket(new InetSocketAddress(V4_LOOPBACK, busy))) {
            InettyException e = catchThrowableOfType(InettyException.class, () -> Inetty.builder()
                    .bind("127.0.0.1").bind("::1")
                    .service(TestServices.echo("alpha"), first)
                    .service(TestServices.echo("beta"), busy) // beta/tcp binds, then beta/udp fails
                    .transport(transport).threads(1).start().close());
            assertThat(e).as("start must fail").isNotNull();
            assertThat(e.getMessage())
                    .startsWith("cannot bind beta/udp to 127.0.0.1:" + busy + ": Address already in use")
                    .contains("beta", "udp", "127.0.0.1", String.valueOf(busy));
            assertThat(((BindFailureException) e).kind()).as("from the errno, or the host's state with NIO")
                    .isEqualTo(BindFailureException.Kind.ADDRESS_IN_USE);
            Net.assertAllBindable(first);
            // beta/tcp was bound before beta/udp failed: it was closed too.
            Net.assertTcpBindable(V4_LOOPBACK, busy);
            Net.assertTcpBindable(V6_LOOPBACK, busy);
        }
    }

    @Test
    void ipv6PortInUseIsReportedWithBrackets() throws Exception {
        int first = Net.freePort();
        try (ServerSocket occupied = new ServerSocket()) {
            occupied.bind(new InetSocketAddress(V6_LOOPBACK, 0));
            int busy = occupied.getLocalPort();
            assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").bind("::1")
                    .service(TestServices.echo("alpha"), Transport.TCP, first)
                    .service(TestServices.echo("beta"), Transport.TCP, busy)
                    .threads(1).start().close())
                    .isInstanceOf(InettyException.class)
                    .hasMessageStartingWith("cannot bind beta/tcp to [::1]:" + busy + ": Address already in use");
            Net.assertAllBindable(first);
            Net.assertTcpBindable(V4_LOOPBACK, busy);
        }
    }

    @EachIoTransport
    void addressNotOnThisHost(IoTransport transport) throws Exception {
        Net.assumeAvailable(transport);
        int first = Net.freePort();
        // 192.0.2.77 (TEST-NET-1) is on no interface: the bind fails, no packet is sent.
        assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").bind("192.0.2.77")
                .service(TestServices.echo("alpha"), first)
                .transport(transport).threads(1).start().close())
                .isInstanceOf(InettyException.class)
                .hasMessageContaining("alpha/tcp")
                .hasMessageContaining("192.0.2.77:" + first)
                .hasMessageContaining("not configured")
                .extracting(e -> ((BindFailureException) e).kind())
                .isEqualTo(BindFailureException.Kind.ADDRESS_NOT_AVAILABLE);
        Net.assertAllBindable(first);
    }

    @Test
    void ephemeralServiceBeforeAFailureIsReleasedToo() throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 1, V4_LOOPBACK)) {
            int busy = occupied.getLocalPort();
            int before = openChannelsOfThisProcess();
            assertThatThrownBy(() -> Inetty.builder().bind("127.0.0.1").bind("::1")
                    .service(TestServices.echo("alpha"), 0)
                    .service(TestServices.echo("beta"), Transport.TCP, busy)
                    .threads(1).start().close())
                    .isInstanceOf(InettyException.class).hasMessageContaining("beta/tcp");
            // The ephemeral sockets of alpha are closed: no socket descriptors were leaked.
            assertThat(openChannelsOfThisProcess()).isLessThanOrEqualTo(before);
        }
    }

    /** Socket descriptors open in this JVM (Linux /proc). */
    static int openChannelsOfThisProcess() throws Exception {
        int n = 0;
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            for (var fd : (Iterable<java.nio.file.Path>) fds::iterator) {
                try {
                    if (java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        n++;
                    }
                } catch (java.io.IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }
}
