package io.inetty.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One inetty for the annotated test class (and its {@code @Nested} classes), serving the named services; its tests
 * take an {@link InettyEndpoints} parameter, or an {@link InettyExtension} one for faults, metrics and the server.
 * The same lifecycle as a {@code static} {@link InettyExtension} field. A {@code @Nested} class with its own
 * {@code @InettyTest} gets its own server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AnnotatedInetty.class)
public @interface InettyTest {
    /** The services by name ({@code echo}, {@code daytime}, ...: those of {@code Services.all()}); empty: all of them. */
    String[] services() default {};

    /** Also serves each service's TCP side over TLS, with a self-signed certificate ({@code Builder.tls()}). */
    boolean tls() default false;
}
