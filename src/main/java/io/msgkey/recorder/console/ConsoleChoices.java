package io.msgkey.recorder.console;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.msgkey.recorder.audit.AuditAction;
import io.msgkey.recorder.message.Chat;
import io.msgkey.recorder.message.MessageState;
import io.msgkey.recorder.recall.ItemOutcome;
import io.msgkey.recorder.recall.RecallJobState;
import io.msgkey.recorder.recall.RecallReason;
import io.msgkey.recorder.sync.SyncJobState;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateGlobal;

/**
 * The choices the console's pages offer, taken from the enums the API accepts, so that a new outcome, reason or state
 * shows up in every list without being typed again in a page or a script.
 */
@TemplateGlobal
public class ConsoleChoices {

    /** One option of a list: the value the API takes, and how the console names it. */
    @TemplateData
    public record Choice(String value, String label) {
    }

    static List<String> outcomes() {
        return names(ItemOutcome.values());
    }

    static List<String> auditActions() {
        return names(AuditAction.values());
    }

    static List<Choice> recallReasons() {
        return Arrays.stream(RecallReason.values()).map(reason -> new Choice(reason.wireName(),
                reason == RecallReason.OTHER ? "Other (say why in the note)" : words(reason.wireName()))).toList();
    }

    static List<Choice> messageStates() {
        return Arrays.stream(MessageState.values()).map(state -> new Choice(state.wireName(),
                state == MessageState.ACTIVE ? "Active: delivered, not recalled" : words(state.wireName()))).toList();
    }

    static List<Choice> chats() {
        return List.of(new Choice(Chat.ALL.wireName(), "All chats"), new Choice(Chat.C2C.wireName(), "One-to-one"),
                new Choice(Chat.GROUP.wireName(), "Groups"));
    }

    /** The job states after which nothing more happens, for the scripts, space-separated. */
    static String finalJobStates() {
        return Arrays.stream(RecallJobState.values()).filter(RecallJobState::isFinal).map(Enum::name)
                .collect(Collectors.joining(" "));
    }

    /** The sync job states after which nothing more happens, for the scripts, space-separated. */
    static String finalSyncJobStates() {
        return Arrays.stream(SyncJobState.values()).filter(SyncJobState::isFinal).map(Enum::name)
                .collect(Collectors.joining(" "));
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }

    /** {@code illegal_content} as "Illegal content". */
    private static String words(String wireName) {
        String words = wireName.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
