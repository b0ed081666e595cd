package io.inetty.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit callbacks of {@link InettyExtension} and of {@link InettyTest}'s extension: each one goes to the
 * {@link Lifecycle} that serves the context. A class or a test holds the server from its before to its after
 * callback; parameters come from the innermost server in scope.
 */
abstract class Callbacks
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    /** The lifecycle serving {@code context}, made if {@code create} and there is none; null if none. */
    abstract Lifecycle lifecycle(ExtensionContext context, boolean create);

    @Override
    public final void beforeAll(ExtensionContext context) {
        lifecycle(context, true).holdClass(context);
    }

    @Override
    public final void beforeEach(ExtensionContext context) {
        lifecycle(context, true).holdTest(context);
    }

    @Override
    public final void afterEach(ExtensionContext context) {
        release(context);
    }

    @Override
    public final void afterAll(ExtensionContext context) {
        release(context);
    }

    private void release(ExtensionContext context) {
        Lifecycle lifecycle = lifecycle(context, false);
        if (lifecycle != null) {
            lifecycle.release(context);
        }
    }

    /**
     * Resolves {@link InettyEndpoints} and {@link InettyExtension} parameters when this serves the innermost scope: a
     * per-test server over a per-class one, a {@code @Nested} class's own over its enclosing class's.
     */
    @Override
    public final boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type != InettyEndpoints.class && type != InettyExtension.class) {
            return false;
        }
        Lifecycle lifecycle = lifecycle(context, false);
        return lifecycle != null && lifecycle.isNearest(context);
    }

    @Override
    public final Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Lifecycle lifecycle = lifecycle(context, false);
        return parameter.getParameter().getType() == InettyExtension.class ? lifecycle.extension()
                : lifecycle.running().endpoints();
    }
}
