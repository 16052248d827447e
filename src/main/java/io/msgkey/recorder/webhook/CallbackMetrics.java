package io.msgkey.recorder.webhook;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts callbacks by command and outcome. The command comes from the request, so a caller could invent endless
 * names: only plausible names become tags, and only the first few dozen distinct ones.
 */
@ApplicationScoped
class CallbackMetrics {

    private static final Pattern COMMAND = Pattern.compile("[A-Za-z0-9]{1,32}\\.[A-Za-z0-9]{1,64}");
    private static final int MAX_COMMAND_TAGS = 64;

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Set<String> commandTags = ConcurrentHashMap.newKeySet();

    CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String command, String outcome) {
        String tag = tagFor(command);
        counters.computeIfAbsent(tag + '/' + outcome, key -> Counter.builder("tencent.callbacks")
                .description("Callbacks received from Tencent, by command and outcome")
                .tags("command", tag, "outcome", outcome).register(registry)).increment();
    }

    private String tagFor(String command) {
        if (command == null || command.isEmpty()) {
            return "none";
        }
        if (!COMMAND.matcher(command).matches()) {
            return "invalid";
        }
        if (commandTags.contains(command) || (commandTags.size() < MAX_COMMAND_TAGS && commandTags.add(command))) {
            return command;
        }
        return "other";
    }
}
