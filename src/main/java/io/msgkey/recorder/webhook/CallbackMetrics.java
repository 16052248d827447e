package io.msgkey.recorder.webhook;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts callbacks by command and outcome. The command comes from the request, so anyone could invent endless names:
 * only commands on a fixed list become tags. Callbacks refused before they were authenticated count as
 * {@code unverified} whatever they claim to be, signed ones with another name as {@code other}.
 */
@ApplicationScoped
class CallbackMetrics {

    static final String UNVERIFIED = "unverified";
    /** Commands Tencent sends that this service acknowledges without recording them. */
    private static final Set<String> ACKNOWLEDGED = Set.of("Group.CallbackSendMsgException",
            "Alert.RequestOverLimit", "State.StateChange");
    private static final Set<String> KNOWN = Stream.concat(ACKNOWLEDGED.stream(),
            Arrays.stream(CallbackCommand.values()).map(CallbackCommand::wireName)).collect(Collectors.toUnmodifiableSet());

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String command, String outcome) {
        increment(command == null || command.isEmpty() ? "none" : KNOWN.contains(command) ? command : "other", outcome);
    }

    /** A callback refused before its signature, source and app were found good. */
    void countUnverified() {
        increment(UNVERIFIED, "rejected");
    }

    private void increment(String tag, String outcome) {
        counters.computeIfAbsent(tag + '/' + outcome, key -> Counter.builder("tencent.callbacks")
                .description("Callbacks received from Tencent, by command and outcome")
                .tags("command", tag, "outcome", outcome).register(registry)).increment();
    }
}
