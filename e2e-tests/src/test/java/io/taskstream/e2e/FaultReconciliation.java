package io.taskstream.e2e;

import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.events.envelope.EventHeaders;
import io.taskstream.localstack.launcher.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite's verdict, from the services' databases rather than from Kafka: what the API
 * committed (each task's version: one event per version) is what must come out at the other end,
 * once each, so an event the relay never published, or dropped, would be caught too. The outboxes
 * must end empty (the relay deletes what the broker acknowledged). Each check is also recorded in
 * the {@link FaultReport}.
 */
final class FaultReconciliation {

    private static final Duration SETTLE = Duration.ofSeconds(90);
    private final LocalStack stack;
    private final StackQueries db;
    private final FaultLoad load;
    private final FaultReport report;

    FaultReconciliation(LocalStack stack, FaultLoad load, FaultReport report) {
        this.stack = stack;
        this.db = new StackQueries(stack);
        this.load = load;
        this.report = report;
    }

    /**
     * No 5xx and no timeouts, except 503 problem+json for requests in flight while PostgreSQL was away
     * (a request sent just before the stop can lose its connection to it).
     */
    void answers(FaultReport.Fault database, Duration recovery) {
        long from = database.startMillis();
        long until = database.endMillis() + recovery.toMillis();
        List<FaultLoad.Failure> outside = load.failures().stream().filter(f -> !f.overlaps(from, until)).toList();
        List<FaultLoad.Failure> inside = load.failures().stream().filter(f -> f.overlaps(from, until)).toList();
        report.check("answers other than success outside the PostgreSQL outage", 0, outside.size());
        report.check("answers during the outage that were not 503 problem+json", 0,
                inside.stream().filter(f -> !f.isUnavailableProblem()).count());
        assertThat(outside).as("answers other than success while PostgreSQL was up").isEmpty();
        assertThat(inside).as("while PostgreSQL was down: 503 problem+json only")
                .allMatch(FaultLoad.Failure::isUnavailableProblem);
        assertThat(inside).as("requests reached the API while PostgreSQL was down and got 503").isNotEmpty();
        assertThat(load.created()).hasSizeGreaterThan(FaultSuiteE2ETest.PHASE_SECONDS * 15);
    }

    /**
     * Every task event the API committed is in the audit trail exactly once: a task at version n
     * was changed by n events (created = 1), so the trail must hold exactly (task, 1..n) for every
     * task, each with its own event id; so is every accepted create.
     */
    void audit() throws Exception {
        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(unpublished("api-service")).as("unpublished outbox rows").isZero();
            assertThat(db.count("audit-service", "SELECT count(*) FROM audit_log"))
                    .isEqualTo(db.count("api-service", "SELECT coalesce(sum(version), 0) FROM task"));
        });
        Set<String> expected = new HashSet<>(db.strings("api-service",
                "SELECT t.id || '@' || v FROM task t, generate_series(1, t.version) v"));
        List<String> audited = db.strings("audit-service", "SELECT task_id || '@' || aggregate_version FROM audit_log");
        long eventIds = db.count("audit-service", "SELECT count(DISTINCT event_id) FROM audit_log");
        report.check("task events committed by the API (sum of task versions) = audit_log rows", expected.size(), audited.size());
        report.check("audit_log distinct event ids", expected.size(), eventIds);
        assertThat(new HashSet<>(audited)).as("audit_log holds every version of every task, once")
                .isEqualTo(expected).hasSameSizeAs(audited);
        assertThat(eventIds).as("one event id per audited change").isEqualTo(audited.size());
        Set<String> createdAudited = new HashSet<>(db.strings("audit-service",
                "SELECT task_id FROM audit_log WHERE event_type = 'task.created'"));
        long missing = load.created().stream().filter(a -> !createdAudited.contains(a.taskId())).count();
        report.check("accepted creates missing from the audit trail", 0, missing);
        assertThat(missing).as("accepted creates missing from the audit trail").isZero();
    }

    /** Every completed recurring task has exactly one next occurrence. */
    void recurrences() throws Exception {
        long completed = db.count("api-service",
                "SELECT count(*) FROM task WHERE recurrence_rule IS NOT NULL AND completed_at IS NOT NULL");
        String seriesOfSize = "SELECT count(*) FROM (SELECT series_id FROM task WHERE series_id IS NOT NULL "
                + "GROUP BY series_id HAVING count(*) %s) s";
        await().atMost(SETTLE).untilAsserted(() -> assertThat(db.count("api-service", seriesOfSize.formatted("= 2")))
                .as("completed recurring tasks with their next occurrence").isEqualTo(completed));
        long doubled = db.count("api-service", seriesOfSize.formatted("> 2"));
        report.check("completed recurring tasks = series with exactly one next occurrence", completed,
                db.count("api-service", seriesOfSize.formatted("= 2")));
        report.check("series with a doubled next occurrence", 0, doubled);
        assertThat(completed).as("recurring completions happened").isGreaterThanOrEqualTo(load.completed().size());
        assertThat(doubled).as("series with a doubled next occurrence").isZero();
    }

    /** Every task with a reminder got exactly one reminder and one overdue notification; every notice one notification. */
    void reminders() throws Exception {
        Set<String> reminded = load.created().stream().filter(FaultLoad.Accepted::reminded)
                .map(FaultLoad.Accepted::taskId).collect(Collectors.toSet());
        assertThat(reminded).as("tasks with reminders were created").isNotEmpty();
        await().atMost(SETTLE.plus(FaultLoad.DUE_IN)).untilAsserted(() -> {
            Map<String, Long> reminders = perTask("reminder");
            Map<String, Long> overdue = perTask("overdue");
            assertThat(reminded).allMatch(id -> reminders.getOrDefault(id, 0L) == 1L && overdue.getOrDefault(id, 0L) == 1L);
            assertThat(unpublished("recurring-service")).as("recurring-service's unpublished outbox rows").isZero();
        });
        // What recurring-service committed has left its outbox (above); Kafka now holds it, once or more.
        Set<String> published = noticeIds();
        Set<String> notified = new HashSet<>(db.strings("notification-service", "SELECT source_event_id FROM notifications"));
        Map<String, Long> reminders = perTask("reminder");
        Map<String, Long> overdue = perTask("overdue");
        report.check("tasks with a reminder = tasks with exactly one reminder notification", reminded.size(),
                reminded.stream().filter(id -> reminders.getOrDefault(id, 0L) == 1L).count());
        report.check("tasks with a reminder = tasks with exactly one overdue notification", reminded.size(),
                reminded.stream().filter(id -> overdue.getOrDefault(id, 0L) == 1L).count());
        report.check("notices recurring-service published (reminders, notification.request) = their notifications",
                published.size(), published.stream().filter(notified::contains).count());
        assertThat(published).as("notices were published").isNotEmpty();
        assertThat(notified).as("every published notice became a notification").containsAll(published);
        long doubled = reminders.values().stream().filter(n -> n > 1).count() + overdue.values().stream().filter(n -> n > 1).count();
        report.check("tasks with more than one reminder or overdue notification", 0, doubled);
        assertThat(doubled).as("tasks notified twice").isZero();
    }

    /** Each poison record sits in the task-events DLQ once per consumer group, and no other DLQ has anything. */
    void deadLetters(int poisonRecords) {
        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(stack.bootstrapServers(), Topics.deadLetterOf(Topics.TASK_EVENTS));
        List<String> groups = dead.stream().map(r -> TopicReader.header(r, DeadLetterHeaders.CONSUMER_GROUP)).toList();
        report.check("poison records in task-events.dlq (x2 groups: audit, recurring)", 2L * poisonRecords, dead.size());
        List<String> expected = new ArrayList<>();
        for (String group : List.of("audit-service", "recurring-service")) {
            expected.addAll(Collections.nCopies(poisonRecords, group));
        }
        assertThat(groups).as("each poison record dead-lettered once by each task-events consumer")
                .containsExactlyInAnyOrderElementsOf(expected);
        for (String topic : Topics.ALL.stream().filter(t -> !t.equals(Topics.TASK_EVENTS)).toList()) {
            int count = TopicReader.readAll(stack.bootstrapServers(), Topics.deadLetterOf(topic)).size();
            report.check("records in " + Topics.deadLetterOf(topic) + " (outages are waited out, never dead-lettered)", 0, count);
            assertThat(count).as(Topics.deadLetterOf(topic)).isZero();
        }
    }

    /**
     * The board client got every update of its user that went out on task-updates (creates, changes, next
     * occurrences made by recurring-service), none twice and none of another user, unless it was told to resync.
     */
    void board(ResumingSocket board) {
        Set<String> published = TopicReader.readAll(stack.bootstrapServers(), Topics.TASK_UPDATES).stream()
                .filter(r -> "fay".equals(r.key())).map(r -> r.partition() + "-" + r.offset()).collect(Collectors.toSet());
        assertThat(published).as("updates of the board's user went out").isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).until(() -> board.resyncs() > 0 || board.positions().containsAll(published));
        List<String> positions = board.positions();
        report.check("board updates delivered twice (" + positions.size() + " updates over " + board.connections()
                + " connections, " + board.resyncs() + " resyncs)", 0, positions.size() - new HashSet<>(positions).size());
        assertThat(new HashSet<>(positions)).as("no update delivered twice").hasSameSizeAs(positions);
        assertThat(published).as("nothing but the user's own updates").containsAll(positions);
        if (board.resyncs() == 0) {
            long missing = published.stream().filter(p -> !positions.contains(p)).count();
            report.check("updates of the board's user on task-updates missing at the board (no resync)", 0, missing);
            assertThat(missing).as("gap-free without a resync").isZero();
        }
    }

    private long unpublished(String service) throws Exception {
        return db.count(service, "SELECT count(*) FROM messaging.outbox_message"); // the relay deletes what it published
    }

    /** Distinct event ids on the topics recurring-service writes to. */
    private Set<String> noticeIds() {
        Set<String> ids = new HashSet<>();
        for (String topic : List.of(Topics.REMINDERS, Topics.NOTIFICATION_REQUEST)) {
            TopicReader.readAll(stack.bootstrapServers(), topic)
                    .forEach(r -> ids.add(TopicReader.header(r, EventHeaders.EVENT_ID)));
        }
        return ids;
    }

    private Map<String, Long> perTask(String kind) throws Exception {
        return db.strings("notification-service", "SELECT task_id FROM notifications WHERE kind = '" + kind + "'")
                .stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
