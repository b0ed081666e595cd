/**
 * A JUnit Jupiter extension (5.10+ and 6.x) that serves the simple services on real loopback sockets with
 * ephemeral ports: {@link io.inetty.junit.InettyExtension} registered with {@code @RegisterExtension} (a
 * {@code static} field: one server per test class, shared with its {@code @Nested} classes; an instance field: one
 * per test), or {@link io.inetty.junit.InettyTest} on a class. Tests take an
 * {@link io.inetty.junit.InettyEndpoints} parameter for the addresses. Faults changed during a test are put back
 * after it, pass or fail; {@link io.inetty.junit.InettyExtension#metrics()} counts from the start of the test.
 * No static mutable state: safe with parallel execution.
 */
package io.inetty.junit;
