package io.taskstream.audit.query;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.audit.log.AuditEntryView;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.taskstream.events.EventTypes.TASK_COMPLETED;
import static io.taskstream.events.EventTypes.TASK_CREATED;
import static io.taskstream.events.EventTypes.TASK_UPDATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Filters, cursor pagination and access rules of GET /audit over seven stored events. */
@MicronautTest(transactional = false)
class AuditQueryTest extends RealInfrastructureTest {

    private final String taskA = UUID.randomUUID().toString();
    private final String taskB = UUID.randomUUID().toString();
    private final String taskC = UUID.randomUUID().toString();

    @Inject
    @Client("/")
    HttpClient http;

    @BeforeAll
    void storeSevenEvents() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        // One key, so one partition: the entries are stored (and numbered) in this order.
        String key = "audit-query-test";
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_CREATED, taskA, "alice", "2026-01-01T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_UPDATED, taskA, "alice", "2026-01-02T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_COMPLETED, taskA, "alice", "2026-01-03T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_CREATED, taskB, "alice", "2026-01-04T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_UPDATED, taskB, "alice", "2026-01-05T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_CREATED, taskC, "bob", "2026-01-06T00:00:00Z"));
        kafka.send(topic(Topics.TASK_EVENTS), key, AuditEvents.event(TASK_UPDATED, taskC, "bob", "2026-01-07T00:00:00Z"));
        await().atMost(Duration.ofSeconds(60)).until(() -> page("erin", "auditor", "limit=500").items().size() == 7);
    }

    @Test
    void filtersByTask() {
        List<AuditEntryView> items = page("alice", null, "taskId=" + taskA).items();
        assertThat(items).extracting(AuditEntryView::eventType).containsExactly(TASK_CREATED, TASK_UPDATED, TASK_COMPLETED);
        assertThat(items).extracting(AuditEntryView::taskId).containsOnly(taskA);
    }

    @Test
    void filtersByUserForTheAuditor() {
        List<AuditEntryView> items = page("erin", "auditor", "userId=bob").items();
        assertThat(items).extracting(AuditEntryView::taskId).containsExactly(taskC, taskC);
        assertThat(items).extracting(AuditEntryView::userId).containsOnly("bob");
    }

    @Test
    void filtersByEventTypesRepeatedOrCommaSeparated() {
        assertThat(page("erin", "auditor", "type=task.updated").items()).extracting(AuditEntryView::taskId)
                .containsExactly(taskA, taskB, taskC);
        List<AuditEntryView> comma = page("erin", "auditor", "type=task.created,task.completed").items();
        assertThat(comma).extracting(AuditEntryView::eventType)
                .containsExactly(TASK_CREATED, TASK_COMPLETED, TASK_CREATED, TASK_CREATED);
        assertThat(page("erin", "auditor", "type=task.created&type=task.completed").items())
                .extracting(AuditEntryView::eventId).isEqualTo(comma.stream().map(AuditEntryView::eventId).toList());
        assertThat(page("alice", null, "type=task.updated").items()).extracting(AuditEntryView::taskId)
                .containsExactly(taskA, taskB);
    }

    @Test
    void filtersByTimeRangeFromInclusiveToExclusive() {
        List<AuditEntryView> items = page("erin", "auditor", "from=2026-01-02T00:00:00Z&to=2026-01-05T00:00:00Z").items();
        assertThat(items).extracting(AuditEntryView::occurredAt).containsExactly(Instant.parse("2026-01-02T00:00:00Z"),
                Instant.parse("2026-01-03T00:00:00Z"), Instant.parse("2026-01-04T00:00:00Z"));
    }

    @Test
    void cursorPaginationWalksEveryEntryOnceInOrder() {
        List<AuditEntryView> all = page("erin", "auditor", "limit=500").items();
        List<AuditEntryView> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        AuditPage current = page("erin", "auditor", "limit=3");
        while (true) {
            walked.addAll(current.items());
            sizes.add(current.items().size());
            if (current.nextCursor() == null) {
                break;
            }
            current = page("erin", "auditor", "limit=3&cursor=" + current.nextCursor());
        }
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(walked).extracting(AuditEntryView::eventId).doesNotHaveDuplicates().hasSize(7);
        assertThat(walked).extracting(AuditEntryView::eventId)
                .isEqualTo(all.stream().map(AuditEntryView::eventId).toList());
        assertThat(page("erin", "auditor", "limit=7").nextCursor()).isNull();
    }

    @Test
    void usersSeeOnlyTheirOwnEntries() {
        assertThat(page("alice", null, "").items()).hasSize(5).extracting(AuditEntryView::userId).containsOnly("alice");
        assertThat(page("alice", null, "userId=alice").items()).hasSize(5);
        assertThat(page("bob", null, "").items()).hasSize(2).extracting(AuditEntryView::userId).containsOnly("bob");
        assertThat(page("bob", null, "taskId=" + taskA).items()).isEmpty();
        assertThat(page("mallory", null, "").items()).isEmpty();
    }

    @Test
    void aUserCannotReadAnotherUsersTrail() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> page("alice", null, "userId=bob"));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t -> assertThat(t.toString())
                .startsWith("application/problem+json"));
    }

    @Test
    void theAuditorSeesEveryone() {
        assertThat(page("erin", "auditor", "").items()).hasSize(7).extracting(AuditEntryView::userId)
                .containsOnly("alice", "bob");
    }

    @Test
    void entriesCarryTheFieldDiffCorrelationAndHashChain() {
        List<AuditEntryView> items = page("alice", null, "taskId=" + taskA).items();
        AuditEntryView created = items.get(0);
        AuditEntryView updated = items.get(1);
        assertThat(created.changes().isArray()).isTrue();
        assertThat(created.changes().size()).isZero();
        assertThat(updated.changes().size()).isEqualTo(2);
        assertThat(updated.changes().get(0).get("field").getStringValue()).isEqualTo("title");
        assertThat(updated.data().get("task").get("title").getStringValue()).isEqualTo("Water all plants");
        assertThat(updated.correlationId()).isEqualTo("req-7f3a");
        assertThat(updated.schemaVersion()).isEqualTo(1);
        assertThat(updated.recordedAt()).isNotNull();
        assertThat(updated.prevHash()).isEqualTo(created.hash());
        assertThat(updated.actor()).as("who made the change, from the envelope").isEqualTo("alice");
    }

    private AuditPage page(String user, String role, String query) {
        HttpRequest<?> request = HttpRequest.GET("/audit?" + query)
                .bearerAuth(role == null ? tokenFor(user) : tokenFor(user, role));
        return http.toBlocking().retrieve(request, AuditPage.class);
    }
}
