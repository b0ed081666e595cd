package io.inetty.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.Extension;

/**
 * These tests run on the JUnit the build chose: the project's Jupiter 5 in module {@code junit}, 5.10 in
 * {@code junit-compat/jupiter-5.10}, 6 in {@code junit-compat/jupiter-6}.
 */
class JupiterVersionTest {
    @Test
    void runsOnTheJupiterTheBuildChose() {
        String expected = System.getProperty("inetty.junit.jupiter");
        assertThat(expected).as("system property inetty.junit.jupiter, set by Surefire").isNotBlank();
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(expected);
        assertThat(Extension.class.getPackage().getImplementationVersion()).isEqualTo(expected);
    }
}
