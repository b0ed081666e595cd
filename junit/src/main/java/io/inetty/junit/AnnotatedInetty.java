package io.inetty.junit;

import io.inetty.protocols.Services;
import io.inetty.server.Service;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What {@link InettyTest} registers: an {@link InettyExtension} per annotated class, kept in that class's
 * extension store (so its tests and {@code @Nested} classes find it), to whose lifecycle every callback goes.
 */
final class AnnotatedInetty extends Callbacks {
    /** The store key of the extension of one annotated class. */
    private record Key(Class<?> annotated) {
    }

    @Override
    Lifecycle lifecycle(ExtensionContext context, boolean create) {
        Class<?> annotated = annotated(context);
        ExtensionContext.Store store = context.getStore(Lifecycle.NAMESPACE);
        Key key = new Key(annotated);
        InettyExtension inetty = create ? store.getOrComputeIfAbsent(key, k -> create(k.annotated()),
                InettyExtension.class) : store.get(key, InettyExtension.class);
        return inetty == null ? null : inetty.lifecycle(context, false);
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
        InettyTest annotation = AnnotationSupport.findAnnotation(annotated, InettyTest.class).orElseThrow();
        String[] names = annotation.services();
        List<Service> all = Services.all();
        InettyExtension.Builder builder = InettyExtension.builder();
        if (annotation.tls()) {
            builder.tls();
        }
        try {
            for (String name : names) {
                builder.service(Services.find(all, name).orElseThrow(() -> new IllegalArgumentException("'" + name
                        + "' (expected: one of " + all.stream().map(Service::name).collect(Collectors.joining(", ")) + ")")));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@InettyTest(services) on " + annotated.getName() + ": " + e.getMessage(),
                    e);
        }
        return builder.build();
    }
}
