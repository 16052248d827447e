package io.msgkey.recorder.testing;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips, with the install advice, every test class that drives a {@link Browser} where Debian's Chromium is missing,
 * before its set-up runs, unless browser tests are required (then the Browser fails them). Registered for all test
 * classes through JUnit's extension auto-detection (META-INF/services), so a new browser test needs nothing for it.
 */
public class BrowserCondition implements ExecutionCondition {

    /** Surefire lists skipped tests without their reason: the advice is also printed, once per run. */
    private static final AtomicBoolean ADVISED = new AtomicBoolean();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean drivesBrowser = context.getTestClass().map(BrowserCondition::drivesBrowser).orElse(false);
        if (!drivesBrowser || Browser.installed() || Browser.required()) {
            return ConditionEvaluationResult.enabled("no browser needed, or one is installed or required");
        }
        if (!ADVISED.getAndSet(true)) {
            System.err.println("Skipping the browser tests: " + Browser.ADVICE);
        }
        return ConditionEvaluationResult.disabled(Browser.ADVICE);
    }

    /** By name: a Quarkus test class is loaded by Quarkus's class loader, this condition by the test runner's. */
    private static boolean drivesBrowser(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getSuperclass()) {
            if (Arrays.stream(type.getDeclaredFields()).map(Field::getType)
                    .anyMatch(field -> field.getName().equals(Browser.class.getName()))) {
                return true;
            }
        }
        return false;
    }
}
