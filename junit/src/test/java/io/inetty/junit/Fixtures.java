package io.inetty.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Test classes that other tests run through the JUnit Platform's {@link EngineTestKit} (some fail on purpose); they
 * run only there, never on their own: Surefire leaves out the tag {@value #TAG} (so even {@code -Dtest=...} patterns
 * never report them as skipped), and a condition keeps an IDE from running them.
 */
final class Fixtures {
    static final String TAG = "fixture";
    private static final String ENABLED = "inetty.junit.fixtures";

    private Fixtures() {
    }

    /** Marks a fixture class. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Inherited
    @ExtendWith(OnlyInTestKit.class)
    @Tag(TAG)
    @interface Fixture {
    }

    /** Runs {@code classes} on the Jupiter engine with {@code parameters}, and returns every event. */
    static EngineExecutionResults run(Map<String, String> parameters, Class<?>... classes) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").configurationParameter(ENABLED, "true")
                .configurationParameters(parameters);
        for (Class<?> c : classes) {
            kit.selectors(selectClass(c));
        }
        return kit.execute();
    }

    /** Runs {@code classes} one after the other. */
    static EngineExecutionResults run(Class<?>... classes) {
        return run(Map.of(), classes);
    }

    /** Enables a fixture only inside {@link #run}. */
    static final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(ENABLED).map(Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("run by a test")
                    : ConditionEvaluationResult.disabled("a fixture: run by another test through EngineTestKit");
        }
    }
}
