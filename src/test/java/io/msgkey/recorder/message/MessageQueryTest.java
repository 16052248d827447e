package io.msgkey.recorder.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The SQL and parameters each kind of filter becomes: one or two index-friendly branches, never an OR. */
class MessageQueryTest {

    private static final long APP = 1400000000L;
    private static final String ACTIVE = " AND m.delivered AND m.recalled_at IS NULL";
    private static final Instant SINCE = Instant.parse("2024-05-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2024-06-01T00:00:00Z");

    @Test
    void aSenderIsOneBranchOnTheSenderIndex() {
        MessageQuery.Sql page = query(filter("ann", null, null, null)).page(null, 10);

        assertThat(page.text()).isEqualTo("SELECT m.* FROM message m WHERE m.sdk_app_id = ?1 AND m.from_account = ?2"
                + ACTIVE + " ORDER BY msg_time DESC, id DESC LIMIT ?3");
        assertThat(page.parameters()).containsExactly(APP, "ann", 10);
    }

    @Test
    void aUserIsTwoBranchesAsSenderAndAsRecipientOfOthersMergedWithUnionAll() {
        MessageQuery.Sql page = query(filter(null, null, "ann", null)).page(null, 10);

        assertThat(page.text()).isEqualTo("SELECT * FROM ((SELECT m.* FROM message m WHERE m.sdk_app_id = ?1"
                + " AND m.from_account = ?2" + ACTIVE + " ORDER BY msg_time DESC, id DESC LIMIT ?3) UNION ALL ("
                + "SELECT m.* FROM message m WHERE m.sdk_app_id = ?4 AND m.to_account = ?5 AND m.from_account <> ?6"
                + ACTIVE + " ORDER BY msg_time DESC, id DESC LIMIT ?7)) m ORDER BY msg_time DESC, id DESC LIMIT ?8");
        assertThat(page.parameters()).containsExactly(APP, "ann", 10, APP, "ann", "ann", 10, 10);
        assertThat(page.text()).doesNotContain(" OR ");
    }

    @Test
    void aConversationIsBothDirections() {
        MessageQuery.Sql count = query(filter(null, null, "ann", "bob")).count();

        assertThat(count.text()).isEqualTo("SELECT count(*) FROM (SELECT 1 FROM message m WHERE m.sdk_app_id = ?1"
                + " AND m.from_account = ?2 AND m.to_account = ?3" + ACTIVE + " UNION ALL SELECT 1 FROM message m"
                + " WHERE m.sdk_app_id = ?4 AND m.from_account = ?5 AND m.to_account = ?6" + ACTIVE + ") m");
        assertThat(count.parameters()).containsExactly(APP, "ann", "bob", APP, "bob", "ann");
    }

    @Test
    void aConversationWithOneselfIsOneBranch() {
        MessageQuery.Sql count = query(filter(null, null, "ann", "ann")).count();

        assertThat(count.text()).doesNotContain("UNION");
        assertThat(count.parameters()).containsExactly(APP, "ann", "ann");
    }

    @Test
    void aUserNarrowedToTheirOwnSendingDropsTheRecipientBranch() {
        MessageQuery.Sql count = query(filter("ann", null, "ann", null)).count();

        assertThat(count.text()).doesNotContain("UNION").doesNotContain("<>");
        assertThat(count.parameters()).containsExactly(APP, "ann");
    }

    @Test
    void aUserWithARecipientKeepsOnlyTheBranchesThatAgree() {
        MessageQuery.Sql count = query(filter(null, "bob", "ann", null)).count();

        assertThat(count.text()).isEqualTo("SELECT count(*) FROM (SELECT 1 FROM message m WHERE m.sdk_app_id = ?1"
                + " AND m.from_account = ?2 AND m.to_account = ?3" + ACTIVE + ") m");
        assertThat(count.parameters()).containsExactly(APP, "ann", "bob");
    }

    @Test
    void contradictoryFiltersMatchNothing() {
        assertThat(query(filter("carol", null, "ann", "bob")).matchesNothing()).isTrue();
        assertThat(query(filter("ann", "bob", "ann", null)).matchesNothing()).isFalse();
    }

    @Test
    void timesBoundMsgTimeSinceInclusiveUntilExclusive() {
        MessageFilter filter = new MessageFilter(null, null, null, null, SINCE, UNTIL, MessageState.ALL, Chat.ALL, null);

        MessageQuery.Sql count = query(filter).count();

        assertThat(count.text()).isEqualTo("SELECT count(*) FROM (SELECT 1 FROM message m WHERE m.sdk_app_id = ?1"
                + " AND m.msg_time >= ?2 AND m.msg_time < ?3) m");
        assertThat(count.parameters()).containsExactly(APP, SINCE, UNTIL);
    }

    @Test
    void eachStateNarrowsByItsOwnPredicate() {
        assertThat(query(state(MessageState.RECALLED)).count().text()).endsWith("AND m.recalled_at IS NOT NULL) m");
        assertThat(query(state(MessageState.UNDELIVERED)).count().text()).endsWith("AND NOT m.delivered) m");
        assertThat(query(state(MessageState.ALL)).count().text()).endsWith("m.from_account = ?2) m");
    }

    @Test
    void aLaterPageStartsAfterTheKeysetOfTheLastRow() {
        MessageQuery.Sql page = query(filter("ann", null, null, null))
                .page(new MessageQuery.Position(SINCE, 42), 10);

        assertThat(page.text()).isEqualTo("SELECT m.* FROM message m WHERE m.sdk_app_id = ?1 AND m.from_account = ?2"
                + ACTIVE + " AND (m.msg_time, m.id) < (?3, ?4) ORDER BY msg_time DESC, id DESC LIMIT ?5");
        assertThat(page.parameters()).containsExactly(APP, "ann", SINCE, 42L, 10);
    }

    @Test
    void aRecallJobsChunkIsBoundedByTheRequestAndNotNarrowedByCallbackMarks() {
        MessageQuery.Sql chunk = MessageQuery.recallable(APP, filter(null, null, "ann", "bob"))
                .chunk("m.id, m.msg_time", 900, SINCE, 42L, 10);

        assertThat(chunk.text()).startsWith("SELECT * FROM ((SELECT m.id, m.msg_time FROM message m WHERE "
                + "m.sdk_app_id = ?1 AND m.from_account = ?2 AND m.to_account = ?3 "
                + "AND m.recall_source IS DISTINCT FROM 'job' AND m.id <= ?4 AND (m.msg_time, m.id) < (?5, ?6) "
                + "ORDER BY msg_time DESC, id DESC LIMIT ?7) UNION ALL (")
                .doesNotContain("delivered").doesNotContain("recalled_at").endsWith(
                        ")) m ORDER BY msg_time DESC, id DESC LIMIT ?15");
        assertThat(chunk.parameters()).containsExactly(APP, "ann", "bob", 900L, SINCE, 42L, 10, APP, "bob", "ann",
                900L, SINCE, 42L, 10, 10);
    }

    private static MessageQuery query(MessageFilter filter) {
        return MessageQuery.of(APP, filter);
    }

    private static MessageFilter filter(String from, String to, String user, String peer) {
        return new MessageFilter(from, to, user, peer, null, null, MessageState.ACTIVE, Chat.ALL, null);
    }

    private static MessageFilter state(MessageState state) {
        return new MessageFilter("ann", null, null, null, null, null, state, Chat.ALL, null);
    }
}
