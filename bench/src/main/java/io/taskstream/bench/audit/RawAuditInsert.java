package io.taskstream.bench.audit;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.load.Timeline;
import io.taskstream.bench.report.Point;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The raw limit for audit ingestion: the same rows inserted by plain JDBC batches (one transaction
 * per batch of {@link #BATCH}, the size of a consumer poll) into a LIKE-copy of audit_log with all
 * its indexes. The chain hash is computed in Java (SHA-256 over the row, linked per user).
 */
final class RawAuditInsert {

    static final int BATCH = 500;
    private static final String[] DDL = {
            "DROP SCHEMA IF EXISTS bench_raw CASCADE",
            "CREATE SCHEMA bench_raw",
            "CREATE TABLE bench_raw.audit_log (LIKE public.audit_log INCLUDING ALL)",
            "CREATE SEQUENCE bench_raw.audit_log_id_seq OWNED BY bench_raw.audit_log.id",
            "ALTER TABLE bench_raw.audit_log ALTER COLUMN id SET DEFAULT nextval('bench_raw.audit_log_id_seq')"};
    private static final String INSERT = "INSERT INTO bench_raw.audit_log (event_id, event_type, schema_version, task_id, "
            + "user_id, actor, aggregate_version, occurred_at, producer, correlation_id, causation_id, payload, prev_hash, "
            + "hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,CAST(? AS jsonb),?,?)";

    record Result(long rows, double seconds, List<Point> timeline) {
        double throughput() {
            return rows / seconds;
        }
    }

    private RawAuditInsert() {
    }

    static Result run(BenchStack stack, AuditRows rows) throws SQLException, NoSuchAlgorithmException {
        try (Connection c = stack.connect("audit-service")) {
            try (Statement s = c.createStatement()) {
                for (String ddl : DDL) {
                    s.execute(ddl);
                }
            }
            c.setAutoCommit(false);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Map<String, String> lastHash = new HashMap<>();
            long start = System.nanoTime();
            Timeline timeline = new Timeline(start, 250, 600);
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                int pending = 0;
                for (int i = 0; i < rows.events().size(); i++) {
                    var e = rows.events().get(i).domain();
                    String payload = rows.payloads().get(i);
                    String prev = lastHash.get(e.userId());
                    String canonical = String.join("|", prev == null ? "" : prev, e.eventId().toString(), e.eventType(),
                            Integer.toString(e.schemaVersion()), e.aggregateId(), e.userId(),
                            Long.toString(e.aggregateVersion()), e.occurredAt().toString(), e.producer(),
                            e.correlationId(), "", payload, "actor=" + e.actor());
                    String hash = HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
                    lastHash.put(e.userId(), hash);
                    insert.setObject(1, e.eventId());
                    insert.setString(2, e.eventType());
                    insert.setInt(3, e.schemaVersion());
                    insert.setString(4, e.aggregateId());
                    insert.setString(5, e.userId());
                    insert.setString(6, e.actor());
                    insert.setLong(7, e.aggregateVersion());
                    insert.setTimestamp(8, Timestamp.from(e.occurredAt()));
                    insert.setString(9, e.producer());
                    insert.setString(10, e.correlationId());
                    insert.setString(11, e.causationId());
                    insert.setString(12, payload);
                    insert.setString(13, prev);
                    insert.setString(14, hash);
                    insert.addBatch();
                    if (++pending == BATCH || i == rows.events().size() - 1) {
                        insert.executeBatch();
                        c.commit();
                        timeline.add(System.nanoTime(), pending);
                        pending = 0;
                    }
                }
            }
            long end = System.nanoTime();
            return new Result(rows.events().size(), (end - start) / 1e9, timeline.ratePerSecond(end));
        }
    }
}
