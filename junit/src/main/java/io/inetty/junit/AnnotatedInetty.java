package io.inetty.junit;

import io.inetty.protocols.Services;
import io.inetty.server.Service;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link InettyTest} registers: an {@link InettyExtension} per annotated class, kept in that class's
 * extension store (so its tests and {@code @Nested} classes find it), to which every callback goes.
 */
final class AnnotatedInetty
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The store key of the extension of one annotated class. */
    private record Key(Class<?> annotated) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> annotated = annotated(context);
        InettyExtension inetty = find(context);
        if (inetty == null) {
            inetty = create(annotated);
            context.getStore(Lifecycle.NAMESPACE).put(new Key(annotated), inetty);
        }
        inetty.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        InettyExtension inetty = find(context);
        if (inetty != null) {
            inetty.afterAll(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        InettyExtension inetty = find(context);
        if (inetty != null) {
            inetty.beforeEach(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        InettyExtension inetty = find(context);
        if (inetty != null) {
            inetty.afterEach(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        InettyExtension inetty = find(context);
        return inetty != null && inetty.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return find(context).resolveParameter(parameter, context);
    }

    private static InettyExtension find(ExtensionContext context) {
        return context.getStore(Lifecycle.NAMESPACE).get(new Key(annotated(context)), InettyExtension.class);
    }

    /** The test class or the innermost enclosing class that carries the annotation. */
    private static Class<?> annotated(ExtensionContext context) {
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            if (AnnotationSupport.findAnnotation(c, InettyTest.class).isPresent()) {
                return c;
            }
        }
        return context.getRequiredTestClass();
    }

    private static InettyExtension create(Class<?> annotated) {
        String[] names = AnnotationSupport.findAnnotation(annotated, InettyTest.class).map(InettyTest::services)
                .orElse(new String[0]);
        List<Service> all = Services.all();
        InettyExtension.Builder builder = InettyExtension.builder();
        try {
            for (String name : names) {
                builder.service(Services.find(all, name).orElseThrow(() -> new IllegalArgumentException("'" + name
                        + "' (expected: one of " + all.stream().map(Service::name).collect(Collectors.joining(", ")) + ")")));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@InettyTest(services) on " + annotated.getName() + ": " + e.getMessage(), e);
        }
        return builder.build();
    }
}
