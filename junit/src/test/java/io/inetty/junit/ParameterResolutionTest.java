package io.inetty.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.inetty.protocols.Services;
import io.inetty.server.Endpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link InettyEndpoints} and {@link InettyExtension} parameters, in constructors, lifecycle methods and tests; with
 * several extensions in scope, the innermost one answers (per test over per class, nested over enclosing).
 */
class ParameterResolutionTest {
    @RegisterExtension
    static InettyExtension perClass = InettyExtension.builder().service(Services.ECHO).build();

    private static InettyEndpoints inBeforeAll;
    private final InettyEndpoints inConstructor;
    private InettyEndpoints inBeforeEach;

    ParameterResolutionTest(InettyEndpoints endpoints) {
        this.inConstructor = endpoints;
    }

    @BeforeAll
    static void beforeAll(InettyEndpoints endpoints) {
        inBeforeAll = endpoints;
    }

    @BeforeEach
    void beforeEach(InettyEndpoints endpoints) {
        inBeforeEach = endpoints;
    }

    @Test
    void everywhereTheSameServer(InettyEndpoints endpoints, InettyExtension inetty) throws Exception {
        assertThat(inetty).isSameAs(perClass);
        assertThat(endpoints.server()).isSameAs(perClass.server());
        assertThat(inBeforeAll.server()).isSameAs(perClass.server());
        assertThat(inConstructor.server()).isSameAs(perClass.server());
        assertThat(inBeforeEach.server()).isSameAs(perClass.server());
        assertThat(endpoints.all()).extracting(Endpoint::service).containsOnly("echo");
        assertThat(Clients.tcp(endpoints.tcp("echo"), "resolved\n")).isEqualTo("resolved\n");
    }

    @Nested
    class WithItsOwnServer {
        @RegisterExtension
        static InettyExtension nestedOwn = InettyExtension.builder().service(Services.DAYTIME).build();

        @Test
        void theNestedClassServerAnswers(InettyEndpoints endpoints, InettyExtension inetty) {
            assertThat(inetty).isSameAs(nestedOwn);
            assertThat(endpoints.all()).extracting(Endpoint::service).containsOnly("daytime");
            assertThat(perClass.server()).isNotSameAs(nestedOwn.server());
        }

        @Nested
        class AndAPerTestOne {
            @RegisterExtension
            InettyExtension perTest = InettyExtension.builder().service(Services.TIME).build();

            @Test
            void thePerTestServerAnswers(InettyEndpoints endpoints, InettyExtension inetty) {
                assertThat(inetty).isSameAs(perTest);
                assertThat(endpoints.all()).extracting(Endpoint::service).containsOnly("time");
                assertThat(endpoints.server()).isNotSameAs(nestedOwn.server()).isNotSameAs(perClass.server());
            }
        }
    }
}
