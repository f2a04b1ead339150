package io.taskstream.bench.audit;

import io.taskstream.bench.RelayProducer;
import io.taskstream.bench.BenchStack;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Quiesce;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.bench.report.Chart;
import io.taskstream.bench.report.Figure;
import io.taskstream.bench.report.Series;
import io.taskstream.events.Topics;
import io.taskstream.localstack.launcher.LocalStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.util.List;

/** audit-service catching up with a pre-filled task-events topic, against raw JDBC batch inserts of the same rows. */
public final class AuditScenario implements Scenario {

    private static final String AUDIT = "audit-service";
    private static final String RECURRING = "recurring-service";

    @Override
    public String id() {
        return "audit";
    }

    @Override
    public String title() {
        return "Audit ingestion";
    }

    @Override
    public void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception {
        int n = profile.auditEvents();
        int w = profile.auditWarmupEvents();
        out.method("audit-service and recurring-service (the other task-events consumer, stopped so it does not compete "
                + "for the 2 cores) are stopped; " + w + " warm-up then " + n + " measured valid task.created events for 50 "
                + "users (shared-events' envelope and codec, keyed by task id) are produced to task-events; audit-service is "
                + "started and SELECT count(*) FROM audit_log is polled every 50 ms. Rate = 80% of the measured events / "
                + "(time at warm-up + 90% stored − time at warm-up + 10% stored): start-up and the cold JVM's first "
                + w + " events are left out.");
        out.method("Raw limit, measured first on an idle pipeline: the same " + n + " rows (same values, payload as jsonb) "
                + "inserted over one JDBC connection in batches of " + RawAuditInsert.BATCH + " (one transaction each, like "
                + "one consumer poll) into a LIKE-copy of audit_log with all its indexes (schema bench_raw, same database); "
                + "the chain hash is computed in Java. audit-service also looks up each user's previous hash, computes the "
                + "hash in SQL, locks the users' chains, writes the processed_event ledger, decodes and commits offsets.");
        out.method("Before: " + Quiesce.await(stack, id(), profile.quiesceTimeout()) + ".");
        AuditRows warmUp = AuditRows.create(w, 50);
        AuditRows rows = AuditRows.create(n, 50);
        RawAuditInsert.Result raw = RawAuditInsert.run(stack, rows);
        Progress.say(id(), "raw batch insert: %.0f rows/s (%d rows in %.2f s)", raw.throughput(), raw.rows(), raw.seconds());
        LocalStack local = stack.stack();
        local.stop(AUDIT);
        local.stop(RECURRING);
        try {
            long baseline;
            try (Connection c = stack.connect(AUDIT)) {
                baseline = AuditIngestion.count(c);
            }
            produce(stack, warmUp);
            produce(stack, rows);
            Progress.say(id(), "%d + %d events on task-events; starting audit-service", w, n);
            AuditIngestion watch = new AuditIngestion(stack, baseline, w + n, profile.scenarioTimeout().toSeconds() / 2);
            Thread watcher = new Thread(watch, "audit-watch");
            long launched = System.nanoTime();
            watcher.start();
            local.start(AUDIT);
            watcher.join(profile.scenarioTimeout().toMillis() / 2 + 5_000);
            if (watch.failure() != null) {
                throw watch.failure();
            }
            long t10 = watch.reached(w + 0.1 * n);
            long t90 = watch.reached(w + 0.9 * n);
            long t100 = watch.reached(w + n);
            if (t10 < 0 || t90 < 0 || t90 == t10) {
                List<AuditIngestion.Sample> s = watch.samples();
                throw new IllegalStateException("audit_log did not reach " + w + " + 90% of " + n + " new rows in time (stored "
                        + (s.isEmpty() ? 0 : s.get(s.size() - 1).stored()) + ")");
            }
            double rate = 0.8 * n / ((t90 - t10) / 1e9);
            out.figure(Figure.atLeastRatio("events/s, task-events to audit_log (after warm-up, 10–90%)", rate, "events/s",
                    raw.throughput(), "raw JDBC batch insert of the same rows", 0.50));
            if (t100 > 0) {
                out.figure(Figure.info("audit-service launch to all " + (w + n) + " stored", (t100 - launched) / 1e9, "s", null, null));
            }
            out.chart(new Chart("Throughput over time", "seconds since audit-service launch / first raw batch", "rows stored per second",
                    List.of(new Series("audit-service", watch.rate(launched)), new Series("raw JDBC batch insert", raw.timeline()))));
        } finally {
            if (local.services().stream().noneMatch(s -> s.name().equals(AUDIT))) {
                local.start(AUDIT);
            }
            out.method(SkipBacklog.toEnd(stack.bootstrapServers(), RECURRING, Topics.TASK_EVENTS) + ".");
            local.start(RECURRING);
        }
    }

    private static void produce(BenchStack stack, AuditRows rows) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(RelayProducer.settings(stack.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (var e : rows.events()) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TASK_EVENTS, e.task().id().toString(), e.domainJson());
                record.headers().add("event_id", e.domain().eventId().toString().getBytes());
                record.headers().add("event_type", e.domain().eventType().getBytes());
                record.headers().add("aggregate_version", "1".getBytes());
                producer.send(record);
            }
            producer.flush();
        }
    }
}
