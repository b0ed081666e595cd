package io.inetty.cli.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sd_listen_fds variables: for this process only, from fd 3, names optional but one per socket. */
class ListenFdsTest {
    private static final long PID = 4242;

    @Test
    void socketsForThisProcessStartAtFdThreeWithTheirNames() {
        ListenFds fds = ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "3",
                "LISTEN_FDNAMES", "echo:echo/udp:inetty.socket"), PID);
        assertThat(fds.sockets()).containsExactly(new ListenFds.Passed(3, "echo"), new ListenFds.Passed(4, "echo/udp"),
                new ListenFds.Passed(5, "inetty.socket"));
        assertThat(fds.ignored()).isNull();
        assertThat(ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "1"), PID).sockets())
                .containsExactly(new ListenFds.Passed(3, null));
    }

    @Test
    void nothingIsPassedWithoutBothVariablesOrToAnotherProcess() {
        assertThat(ListenFds.read(Map.of(), PID).sockets()).isEmpty();
        assertThat(ListenFds.read(Map.of("LISTEN_FDS", "2"), PID).sockets()).isEmpty();
        assertThat(ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", ""), PID).sockets()).isEmpty();
        assertThat(ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "0"), PID).sockets()).isEmpty();
        ListenFds other = ListenFds.read(Map.of("LISTEN_PID", "17", "LISTEN_FDS", "2"), PID);
        assertThat(other.sockets()).isEmpty();
        assertThat(other.ignored()).isEqualTo("LISTEN_FDS passes 2 socket(s) to process 17, not to this one (4242):"
                + " binding instead (does a wrapper fork instead of exec?)");
    }

    @Test
    void malformedValuesNameTheVariable() {
        assertThatThrownBy(() -> ListenFds.read(Map.of("LISTEN_PID", "me", "LISTEN_FDS", "1"), PID))
                .hasMessage("LISTEN_PID: 'me' (expected: a process id)");
        assertThatThrownBy(() -> ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "-1"), PID))
                .hasMessage("LISTEN_FDS: '-1' (expected: a number of file descriptors)");
        assertThatThrownBy(() -> ListenFds.read(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", "echo"), PID))
                .hasMessage("LISTEN_FDNAMES: 'echo' names 1 socket(s) (expected: 2, one per socket of LISTEN_FDS)");
    }
}
