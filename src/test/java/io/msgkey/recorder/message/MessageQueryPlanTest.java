package io.msgkey.recorder.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.agroal.api.AgroalDataSource;
import io.msgkey.recorder.testing.Rows;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every filter combination must be answerable by index range scans. Sequential scans are priced out so that a plan
 * that still has one shows that no index fits; which index the planner picks depends on the statistics, so the test
 * checks that each index condition narrows by group, sender, recipient or time. The 10-million-row plans and timings are in
 * the search benchmark.
 */
@QuarkusTest
class MessageQueryPlanTest {

    /** Index conditions that narrow a scan by group, sender, recipient or time. */
    private static final List<String> NARROWING = List.of("group_id =", "from_account =", "to_account =",
            "msg_time >", "msg_time <");

    @Inject
    AgroalDataSource dataSource;

    /**
     * 20,000 one-to-one messages among 2,000 accounts over a week, and as many group messages in 200 groups, so the planner has
     * real statistics to go by. Time ranges in the
     * cases below are a day or so: a range covering the whole table is a whole-table read whatever the plan.
     */
    @BeforeEach
    void seed() {
        if (Rows.count(dataSource, "SELECT count(*) FROM message WHERE from_account LIKE 'plan-%'") == 0) {
            Rows.execute(dataSource, """
                    INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
                        seen_after, send_result)
                    SELECT 1400000000, 'plan-' || (i % 2000), 'plan-' || ((i * 7 + 1) % 2000), 'plan-key-' || i,
                        timestamptz '2024-01-01' + i * interval '30 seconds', now(), true, 0
                    FROM generate_series(1, 20000) AS i""");
            // and as many again in the days partitioned ahead, which a search without time bounds reads as well
            Rows.execute(dataSource, """
                    INSERT INTO message (sdk_app_id, from_account, to_account, msg_key, msg_time, first_seen_at,
                        seen_after, send_result)
                    SELECT 1400000000, 'plan-' || (i % 2000), 'plan-' || ((i * 7 + 1) % 2000), 'plan-now-key-' || i,
                        date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + i * interval '30 seconds',
                        now(), true, 0
                    FROM generate_series(1, 20000) AS i""");
        }
        if (Rows.count(dataSource, "SELECT count(*) FROM group_message WHERE group_id LIKE 'plan-%'") == 0) {
            Rows.execute(dataSource, """
                    INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, msg_time, first_seen_at)
                    SELECT 1400000000, 'plan-group-' || (i % 200), i, 'plan-' || ((i * 7) % 2000),
                        timestamptz '2024-01-01' + i * interval '30 seconds', now()
                    FROM generate_series(1, 20000) AS i""");
            Rows.execute(dataSource, """
                    INSERT INTO group_message (sdk_app_id, group_id, msg_seq, from_account, msg_time, first_seen_at)
                    SELECT 1400000000, 'plan-group-' || (i % 200), 20000 + i, 'plan-' || ((i * 7) % 2000),
                        date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + i * interval '30 seconds',
                        now()
                    FROM generate_series(1, 20000) AS i""");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "from=plan-1",
            "to=plan-2",
            "from=plan-1,to=plan-2",
            "user=plan-1",
            "user=plan-1,peer=plan-2",
            "user=plan-1,from=plan-3",
            "user=plan-1,to=plan-3",
            "since=2024-01-06T00:00:00Z",
            "until=2024-01-02T00:00:00Z",
            "since=2024-01-03T00:00:00Z,until=2024-01-04T00:00:00Z",
            "from=plan-1,since=2024-01-01T00:00:00Z,until=2024-02-01T00:00:00Z",
            "user=plan-1,since=2024-01-02T00:00:00Z",
            "user=plan-1,peer=plan-2,until=2024-01-03T00:00:00Z",
            "from=plan-1,state=recalled",
            "from=plan-1,state=undelivered",
            "from=plan-1,state=all",
    })
    void everyCombinationIsAnIndexRangeScan(String parameters) throws Exception {
        MessageQuery query = MessageQuery.of(1400000000L, filter(parameters));
        List<MessageQuery.Sql> pages = List.of(query.page(null, 100),
                query.page(new MessageQuery.Position(Instant.parse("2024-01-05T00:00:00Z"), 42), 100));

        for (MessageQuery.Sql sql : pages) {
            String plan = explain(sql);
            // pages are read in index order and stop at the limit; a bitmap scan would fetch and sort every match
            assertThat(plan).as(sql.text()).doesNotContain("Bitmap Heap Scan");
            assertRangeScans(plan);
            assertRareStatesFilteredOnTheIndex(parameters, plan);
        }
        assertRangeScans(explain(query.count()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "group=plan-group-1",
            "group=plan-group-1,from=plan-7",
            "group=plan-group-1,user=plan-7",
            "from=plan-7,chat=group",
            "user=plan-7",
            "from=plan-7,since=2024-01-02T00:00:00Z,until=2024-01-03T00:00:00Z",
            "since=2024-01-03T00:00:00Z,until=2024-01-04T00:00:00Z,chat=group",
            "until=2024-01-02T00:00:00Z",
            "group=plan-group-1,since=2024-01-06T00:00:00Z",
            "group=plan-group-1,from=plan-7,until=2024-01-05T00:00:00Z",
            "group=plan-group-1,state=recalled",
            "from=plan-7,state=all",
    })
    void everyGroupCombinationIsAnIndexRangeScan(String parameters) throws Exception {
        GroupMessageQuery query = GroupMessageQuery.of(1400000000L, filter(parameters));
        assertThat(query.matchesNothing()).isFalse();
        List<MessageQuery.Sql> pages = List.of(query.page(null, 100),
                query.page(new MessageQuery.Position(Instant.parse("2024-01-05T00:00:00Z"), 42), 100));

        for (MessageQuery.Sql sql : pages) {
            String plan = explain(sql);
            assertThat(plan).as(sql.text()).doesNotContain("Bitmap Heap Scan");
            assertRangeScans(plan);
            assertRareStatesFilteredOnTheIndex(parameters, plan);
        }
        assertRangeScans(explain(query.count()));
    }

    /**
     * A time-bounded search reads only the partitions of its days: the 2024 days are in the default partition (no
     * day partition covers them), the current ones in their days.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "message", "group_message" })
    void aTimeBoundedSearchReadsOnlyThePartitionsOfItsDays(String table) throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String since = today.atStartOfDay(java.time.ZoneOffset.UTC).plusHours(1).toInstant().toString();
        String until = today.atStartOfDay(java.time.ZoneOffset.UTC).plusHours(5).toInstant().toString();
        MessageFilter current = filter("from=plan-7,since=" + since + ",until=" + until
                + (table.equals("group_message") ? ",chat=group" : ""));
        MessageFilter old = filter("from=plan-7,since=2024-01-02T00:00:00Z,until=2024-01-03T00:00:00Z"
                + (table.equals("group_message") ? ",chat=group" : ""));
        MessageQuery.Sql currentPage = table.equals("message") ? MessageQuery.of(1400000000L, current).page(null, 100)
                : GroupMessageQuery.of(1400000000L, current).page(null, 100);
        MessageQuery.Sql oldPage = table.equals("message") ? MessageQuery.of(1400000000L, old).page(null, 100)
                : GroupMessageQuery.of(1400000000L, old).page(null, 100);

        String day = table + "_p" + today.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(scannedTables(explain(currentPage))).containsExactly(day);
        assertThat(scannedTables(explain(oldPage))).containsExactly(table + "_default");
    }

    private static List<String> scannedTables(String plan) {
        return plan.lines().filter(line -> line.contains(" on ")).map(line -> line.replaceAll(".* on (\\S+).*", "$1"))
                .distinct().toList();
    }

    /**
     * No sequential scan, and every index condition narrows by group, sender, recipient or time, not just by the app,
     * or reads one row by the key a range scan found (a page of a rare state). An empty partition (a day ahead nothing
     * was sent in yet) has no statistics, and which index its scan takes does not matter: its conditions are left out.
     */
    private void assertRangeScans(String plan) {
        assertThat(plan).doesNotContain("Seq Scan");
        List<String> conditions = new java.util.ArrayList<>();
        List<String> empty = emptyPartitions();
        boolean counted = true;
        for (String line : plan.lines().toList()) {
            if (line.contains(" on ")) {
                String scanned = line.replaceAll(".* on (\\S+).*", "$1");
                counted = !empty.contains(scanned);
            } else if (line.contains("Index Cond:") && counted) {
                conditions.add(line);
            }
        }
        assertThat(conditions).as(plan).isNotEmpty().allSatisfy(condition -> assertThat(condition)
                .satisfiesAnyOf(narrowing -> assertThat(NARROWING).anyMatch(narrowing::contains),
                        // a page after a position that lies before a day's first row: nothing to read there
                        position -> assertThat(position).contains("ROW(msg_time, id) <"),
                        byKey -> assertThat(byKey)
                                .containsPattern("\\(id = \\w+\\.id\\) AND \\(msg_time = \\w+\\.msg_time\\)")));
    }

    /**
     * A page of a rare state checks the state on the index's INCLUDEd columns, in an Index Only Scan, not after reading
     * each row of the sender's history (MessageQuery.page). A scan bounded by the page's position alone is exempt: the
     * position lies before its day's first row, so it reads nothing.
     */
    private void assertRareStatesFilteredOnTheIndex(String parameters, String plan) {
        if (!parameters.contains("state=recalled") && !parameters.contains("state=undelivered")) {
            return;
        }
        List<String> empty = emptyPartitions();
        String scan = "";
        boolean narrowed = false;
        for (String line : plan.lines().toList()) {
            if (line.contains(" on ")) {
                scan = empty.contains(line.replaceAll(".* on (\\S+).*", "$1")) ? "" : line;
                narrowed = false;
            } else if (line.contains("Index Cond:")) {
                narrowed = NARROWING.stream().anyMatch(line::contains);
            } else if (line.contains("Filter:") && !scan.isEmpty() && narrowed) {
                assertThat(scan).as(plan).contains("Index Only Scan");
            }
        }
        assertThat(plan).contains("Index Only Scan");
    }

    private List<String> emptyPartitions() {
        return Rows.query(dataSource, """
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent IN ('message'::regclass, 'group_message'::regclass) AND c.reltuples <= 0""").stream()
                .map(row -> (String) row.get("relname")).toList();
    }

    private String explain(MessageQuery.Sql sql) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement analyze = connection.prepareStatement("ANALYZE message, group_message");
                    PreparedStatement off = connection.prepareStatement("SET LOCAL enable_seqscan = off");
                    PreparedStatement explain = connection
                            .prepareStatement("EXPLAIN " + sql.text().replaceAll("\\?\\d+", "?"))) {
                analyze.execute();
                off.execute();
                for (int i = 0; i < sql.parameters().size(); i++) {
                    Object value = sql.parameters().get(i);
                    explain.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                connection.rollback();
            }
        }
    }

    private static MessageFilter filter(String parameters) {
        String from = null, to = null, user = null, peer = null, since = null, until = null, state = null;
        String chat = null, group = null;
        for (String pair : parameters.split(",")) {
            String[] kv = pair.split("=", 2);
            switch (kv[0]) {
                case "from" -> from = kv[1];
                case "to" -> to = kv[1];
                case "user" -> user = kv[1];
                case "peer" -> peer = kv[1];
                case "since" -> since = kv[1];
                case "until" -> until = kv[1];
                case "state" -> state = kv[1];
                case "chat" -> chat = kv[1];
                case "group" -> group = kv[1];
                default -> throw new IllegalArgumentException(kv[0]);
            }
        }
        return MessageFilter.of(from, to, user, peer, since, until, state, chat, group);
    }
}
