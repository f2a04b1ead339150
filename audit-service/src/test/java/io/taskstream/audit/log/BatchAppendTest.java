package io.taskstream.audit.log;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.audit.integrity.ChainReport;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit_log_append} (V4) chains a whole batch server-side; every entry must carry exactly the
 * hash the per-row definition {@code audit_entry_hash} gives it, linked to its user's previous entry
 * (stored before the batch or earlier in it), so verification is unchanged.
 */
@MicronautTest(transactional = false)
class BatchAppendTest extends RealInfrastructureTest {

    private static final String APPEND = """
            SELECT audit_log_append(CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS int[]),
                                    CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),
                                    CAST(? AS timestamptz[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                    CAST(CAST(? AS text[]) AS jsonb[]))""";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private record Row(UUID eventId, String user, String actor, long version, String correlation, String causation,
                       String payload) {
    }

    @Test
    void batchChainEqualsThePerRowHashFunction() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String olga = "olga-" + suffix;
        String pete = "pete-" + suffix;
        String task = UUID.randomUUID().toString();

        // A first batch starts both chains; the second one continues them.
        List<Row> first = List.of(
                row(olga, "olga", 1, "{\"title\": \"first\", \"n\": 1.50, \"tags\": [\"b\", \"a\"]}"),
                row(pete, null, 1, "{\"title\": \"ünïcødé ✓ \\\"quoted\\\" | pipe\"}"),
                row(olga, "olga", 2, "{\"z\": null, \"a\": {\"nested\": true}}"));
        assertThat(append(task, first)).isEqualTo(3);

        Row duplicateInBatch = row(pete, "pete", 2, "{\"dup\": 1}");
        List<Row> second = new ArrayList<>(List.of(
                row(pete, "pete", 2, "{}"),
                first.get(0), // already stored: skipped, never a predecessor
                row(olga, "olga", 3, "{\"k\": \"v\"}"),
                duplicateInBatch,
                duplicateInBatch, // repeated in the batch: stored once
                row(pete, "pete", 3, "{\"k\": [1, 2, 3]}")));
        assertThat(append(task, second)).isEqualTo(4);
        // The first user of this batch has nothing new: the next user must still link to its own chain.
        assertThat(append(task, List.of(first.get(2), row(pete, "pete", 4, "{\"after\": \"a stored olga entry\"}"))))
                .isEqualTo(1);

        for (String user : List.of(olga, pete)) {
            List<String[]> mismatches = transactions.executeRead(status -> jdbc.prepareStatement("""
                    SELECT id, hash, prev_hash, expected_prev,
                           audit_entry_hash(expected_prev, event_id, event_type, schema_version, task_id, user_id,
                                            aggregate_version, occurred_at, producer, correlation_id, causation_id,
                                            payload, actor) AS expected_hash
                    FROM (SELECT a.*, lag(hash) OVER (ORDER BY id) AS expected_prev FROM audit_log a
                          WHERE user_id = ?) x ORDER BY id""", ps -> {
                ps.setString(1, user);
                List<String[]> bad = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!rs.getString("hash").equals(rs.getString("expected_hash"))
                                || !java.util.Objects.equals(rs.getString("prev_hash"), rs.getString("expected_prev"))) {
                            bad.add(new String[] {rs.getString("id"), rs.getString("hash"), rs.getString("expected_hash")});
                        }
                    }
                }
                return bad;
            }));
            assertThat(mismatches).as("entries of %s whose hash or link differs from the per-row function", user)
                    .isEmpty();
        }
        assertThat(count(olga)).isEqualTo(3);
        assertThat(count(pete)).isEqualTo(5);

        // The entries link in insertion (id) order, the order the batch gave them.
        assertThat(versions(pete)).containsExactly(1L, 2L, 2L, 3L, 4L);
        ChainReport report = http.toBlocking().retrieve(HttpRequest.GET("/audit/verify?userId=" + pete)
                .bearerAuth(tokenFor("auditor-1", "auditor")), ChainReport.class);
        assertThat(report.intact()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(5);
    }

    /**
     * A reader paging by id across users (an auditor's /audit or export) must never pass an entry that commits
     * later: while one writer's append is uncommitted, another's must not commit with higher ids (V7).
     */
    @Test
    void aReaderPagingByIdNeverPassesAnEntryThatCommitsLater() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String slow = "slow-" + suffix;
        String fast = "fast-" + suffix;
        String task = UUID.randomUUID().toString();
        java.util.concurrent.CountDownLatch appended = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var slowWriter = pool.submit(() -> transactions.executeWrite(status -> {
                append(task, List.of(row(slow, slow, 1, "{}"))); // joins this transaction, which stays open
                appended.countDown();
                try {
                    return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(appended.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var fastWriter = pool.submit(() -> append(task, List.of(row(fast, fast, 1, "{}"))));
            Thread.sleep(1500); // time for the second writer to commit, if anything lets it

            List<Long> firstPage = ids(slow, fast, 0);
            release.countDown();
            slowWriter.get(30, java.util.concurrent.TimeUnit.SECONDS);
            fastWriter.get(30, java.util.concurrent.TimeUnit.SECONDS);
            long cursor = firstPage.isEmpty() ? 0 : firstPage.get(firstPage.size() - 1);
            List<Long> seen = new ArrayList<>(firstPage);
            seen.addAll(ids(slow, fast, cursor));

            assertThat(seen).as("both entries, whatever the page boundary").hasSize(2);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private List<Long> ids(String userA, String userB, long after) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT id FROM audit_log WHERE user_id IN (?, ?) AND id > ? ORDER BY id", ps -> {
                    ps.setString(1, userA);
                    ps.setString(2, userB);
                    ps.setLong(3, after);
                    List<Long> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getLong(1));
                        }
                    }
                    return out;
                }));
    }

    private static Row row(String user, String actor, long version, String payload) {
        return new Row(UUID.randomUUID(), user, actor, version, UUID.randomUUID().toString(),
                version > 1 ? UUID.randomUUID().toString() : null, payload);
    }

    private int append(String task, List<Row> rows) {
        return transactions.executeWrite(status -> jdbc.prepareStatement(APPEND, ps -> {
            Connection c = ps.getConnection();
            int n = rows.size();
            ps.setArray(1, c.createArrayOf("text", rows.stream().map(Row::user).distinct().sorted().toArray()));
            ps.setArray(2, c.createArrayOf("uuid", rows.stream().map(Row::eventId).toArray()));
            ps.setArray(3, c.createArrayOf("text", rows.stream().map(r -> "task.updated").toArray()));
            ps.setArray(4, c.createArrayOf("int4", rows.stream().map(r -> 1).toArray()));
            ps.setArray(5, c.createArrayOf("text", rows.stream().map(r -> task).toArray()));
            ps.setArray(6, c.createArrayOf("text", rows.stream().map(Row::user).toArray()));
            ps.setArray(7, c.createArrayOf("text", rows.stream().map(Row::actor).toArray()));
            ps.setArray(8, c.createArrayOf("int8", rows.stream().map(Row::version).toArray()));
            ps.setArray(9, c.createArrayOf("text", rows.stream().map(r -> "2026-11-23T20:16:10.123456Z").toArray()));
            ps.setArray(10, c.createArrayOf("text", rows.stream().map(r -> "api-service").toArray()));
            ps.setArray(11, c.createArrayOf("text", rows.stream().map(Row::correlation).toArray()));
            ps.setArray(12, c.createArrayOf("text", rows.stream().map(Row::causation).toArray()));
            ps.setArray(13, c.createArrayOf("text", rows.stream().map(Row::payload).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(n).isGreaterThan(0);
                return rs.getInt(1);
            }
        }));
    }

    private long count(String user) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE user_id = ?", ps -> {
                    ps.setString(1, user);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }

    private List<Long> versions(String user) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT aggregate_version FROM audit_log WHERE user_id = ? ORDER BY id", ps -> {
                    ps.setString(1, user);
                    List<Long> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getLong(1));
                        }
                    }
                    return out;
                }));
    }
}
