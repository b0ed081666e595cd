package io.inetty.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.inetty.protocols.Services;
import io.inetty.server.BindFailureException;
import io.inetty.server.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server that cannot start fails the class (or the test) with a message naming it and the cause. */
class StartFailureTest {
    @Test
    void aStaticServerThatCannotBindFailsTheClassNamingItAndTheCause() {
        Fixtures.run(Unbindable.class).containerEvents().assertThatEvents().haveExactly(1, event(
                container(Unbindable.class), finishedWithFailure(instanceOf(IllegalStateException.class),
                        message(m -> m.startsWith("inetty: could not start the server for " + Unbindable.class.getName()
                                + ": ") && m.contains("192.0.2.1")),
                        cause(instanceOf(BindFailureException.class)))));
    }

    @Test
    void aPerTestServerThatCannotStartFailsTheTestNamingIt() {
        Fixtures.run(FixedPort.class).testEvents().assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(message("inetty: could not start the server for " + FixedPort.class.getName()
                        + ".test(): configure: echo/tcp:7 (expected: port 0; the extension's ports are ephemeral,"
                        + " read them from InettyEndpoints)"))));
    }

    @Test
    void outsideItsLifecycleTheExtensionSaysSo() {
        InettyExtension idle = InettyExtension.builder().build();
        assertThatThrownBy(idle::server).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("inetty: no server running");
        assertThat(idle).hasToString("InettyExtension[" + InettyTestAnnotationTest.names(Services.all()) + "] (stopped)");
    }

    @Test
    void aServiceAddedTwiceIsRefused() {
        assertThatThrownBy(() -> InettyExtension.builder().service(Services.ECHO).service(Services.ECHO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("service: echo (added twice)");
    }

    @Fixtures.Fixture
    static class Unbindable {
        /** 192.0.2.1 (TEST-NET-1) is no address of this host. */
        @RegisterExtension
        static InettyExtension inetty = InettyExtension.builder().service(Services.ECHO)
                .configure(b -> b.bind("192.0.2.1")).build();

        @Test
        void test() {
        }
    }

    @Fixtures.Fixture
    static class FixedPort {
        @RegisterExtension
        InettyExtension inetty = InettyExtension.builder().service(Services.DAYTIME)
                .configure(b -> b.service(Services.ECHO, Transport.TCP, 7)).build();

        @Test
        void test() {
        }
    }
}
