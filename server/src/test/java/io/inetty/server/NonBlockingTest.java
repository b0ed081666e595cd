package io.inetty.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link NonBlocking}: a blocking socket (a plain {@link ServerSocket} without a timeout is one) becomes
 * non-blocking, keeps its descriptor number, and no descriptor is left behind. Linux's /proc tells the flags.
 */
class NonBlockingTest {
    private static final int O_NONBLOCK = 04000;

    @Test
    void aBlockingSocketBecomesNonBlockingInPlace() throws IOException {
        Net.assumeAvailable(IoTransport.EPOLL);
        Epoll.ensureAvailability();
        try (ServerSocket blocking = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int fd = fdOf(blocking.getLocalPort());
            assertThat(flags(fd) & O_NONBLOCK).as("a ServerSocket without timeout blocks").isZero();
            long before = openDescriptors();

            NonBlocking.set(fd);

            assertThat(flags(fd) & O_NONBLOCK).isEqualTo(O_NONBLOCK);
            assertThat(openDescriptors()).as("the copy and the pair are closed").isEqualTo(before);
            assertThat(blocking.isBound()).isTrue();
        }
    }

    /** The descriptor of this process's TCP listener on {@code port} (by its inode in /proc/net/tcp6 or tcp). */
    private static int fdOf(int port) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X ", port);
        String inode = null;
        for (String table : List.of("/proc/net/tcp6", "/proc/net/tcp")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && (f[1] + " ").endsWith(local) && f[3].equals("0A")) {
                    inode = f[9];
                }
            }
        }
        assertThat(inode).as("listener on port %d in /proc/net", port).isNotNull();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals("socket:[" + inode + "]")) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // closed meanwhile (e.g. the directory listing's own descriptor)
                }
            }
        }
        throw new AssertionError("no descriptor of socket inode " + inode);
    }

    private static int flags(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
            }
        }
        throw new AssertionError("no flags in /proc/self/fdinfo/" + fd);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
