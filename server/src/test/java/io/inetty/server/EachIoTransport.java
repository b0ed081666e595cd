package io.inetty.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test run once on each concrete I/O transport (epoll, io_uring, NIO; not AUTO), given as its {@link IoTransport}
 * parameter; the test calls {@link Net#assumeAvailable} first.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest
@EnumSource(value = IoTransport.class, names = {"EPOLL", "IO_URING", "NIO"})
@interface EachIoTransport {
}
