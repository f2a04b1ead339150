package io.taskstream.messaging.dlq;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.messaging.consumer.NonRetryableException;
import io.taskstream.messaging.consumer.RecordingListener;
import io.taskstream.messaging.consumer.TestEvents;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** List, inspect, re-drive and discard dead letters over the admin API, on the real broker. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterOperationsTest extends RealInfrastructureTest {

    private static final Argument<List<DeadLetterEntry>> ENTRIES = Argument.listOf(DeadLetterEntry.class);
    private final UUID rejected = UUID.randomUUID();

    @Inject
    RecordingListener listener;
    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.recording-listener", "true", "taskstream.dlq.sources", Topics.TASK_EVENTS,
                "taskstream.consumer.max-attempts", "2", "taskstream.consumer.initial-backoff", "10ms",
                "taskstream.dlq.scan-limit", "3"); // small, so test 4 can put more records in the DLQ than a request reads
    }

    @Test
    @Order(1)
    void listsAndShowsThisGroupsDeadLettersToAdminsOnly() {
        listener.rejected.add(rejected);
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        kafka.send(topic(Topics.TASK_EVENTS), "task-1", "{oops".getBytes(StandardCharsets.UTF_8));
        kafka.send(topic(Topics.TASK_EVENTS), "task-2", TestEvents.created(rejected));

        await().atMost(Duration.ofSeconds(60)).until(() -> pending().size() == 2);
        List<DeadLetterEntry> entries = pending();
        assertThat(entries).extracting(DeadLetterEntry::exceptionClass).containsExactlyInAnyOrder(
                "io.taskstream.events.codec.EventDecodingException", NonRetryableException.class.getName());
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.originalTopic()).isEqualTo(topic(Topics.TASK_EVENTS));
            assertThat(e.consumerGroup()).isEqualTo(RecordingListener.GROUP);
            assertThat(e.redriveCount()).isZero();
            assertThat(e.value()).as("the list leaves the value out").isNull();
        });

        DeadLetterEntry poison = entry("task-1");
        DeadLetterEntry shown = get("/admin/dlq/task-events/" + poison.id(), DeadLetterEntry.class);
        assertThat(shown.value()).isEqualTo("{oops");
        assertThat(shown.headers()).containsKey(DeadLetterHeaders.EXCEPTION_MESSAGE);

        assertStatus(() -> http.toBlocking().retrieve(HttpRequest.GET("/admin/dlq/task-events")
                .bearerAuth(tokenFor("bob"))), 403);
        assertStatus(() -> http.toBlocking().retrieve(HttpRequest.GET("/admin/dlq/task-events")), 401);
        assertStatus(() -> get("/admin/dlq/nope", String.class), 404);
        assertStatus(() -> get("/admin/dlq/task-events/zero", String.class), 400);
        assertStatus(() -> get("/admin/dlq/task-events/0-999999", String.class), 404);
    }

    @Test
    @Order(2)
    void aFixedRecordIsReDrivenAndAppliedExactlyOnce() {
        listener.rejected.remove(rejected); // the fix: the consumer now accepts it
        DeadLetterEntry entry = entry("task-2");

        DeadLetterEntry redriven = post("/admin/dlq/task-events/" + entry.id() + "/redrive", Map.of("reason", "fixed"));

        assertThat(redriven.status()).isEqualTo("redriven");
        assertThat(redriven.resolution().resolvedBy()).isEqualTo("ops");
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.applied().contains(rejected));
        assertStatus(() -> post("/admin/dlq/task-events/" + entry.id() + "/redrive", Map.of()), 409);
        List<ConsumerRecord<String, byte[]>> sentBack = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic(Topics.TASK_EVENTS), r -> r.headers().lastHeader(DeadLetterHeaders.REDRIVE_COUNT) != null,
                        1, Duration.ofSeconds(20));
        assertThat(sentBack).hasSize(1);
        assertThat(sentBack.get(0).headers().lastHeader(DeadLetterHeaders.ORIGINAL_TOPIC)).isNull();
        assertThat(new String(sentBack.get(0).headers().lastHeader(DeadLetterHeaders.REDRIVE_GROUP).value(),
                StandardCharsets.UTF_8)).isEqualTo(RecordingListener.GROUP);
        assertThat(listener.applied().stream().filter(rejected::equals)).hasSize(1);
    }

    @Test
    @Order(3)
    void aPoisonRecordCanBeReplacedByACorrectedEventOrDiscarded() throws Exception {
        DeadLetterEntry poison = entry("task-1");
        String path = "/admin/dlq/task-events/" + poison.id();
        assertStatus(() -> post(path + "/redrive", Map.of("value", Map.of("event_type", "nope"))), 422);
        assertStatus(() -> post(path + "/discard", Map.of()), 422);

        UUID corrected = UUID.randomUUID();
        post(path + "/redrive", Map.of("value", io.micronaut.serde.ObjectMapper.getDefault().readValue(
                TestEvents.created(corrected), Object.class)));

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.applied().contains(corrected));
        assertStatus(() -> post(path + "/discard", Map.of("reason", "late")), 409);
        assertThat(pending()).isEmpty();
        assertThat(get("/admin/dlq/task-events?status=all", ENTRIES)).hasSize(2);
    }

    @Test
    @Order(4)
    void aPendingRecordBehindDecidedOnesIsListedAndTheOverviewSaysWhenItStoppedCounting() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        kafka.send(topic(Topics.TASK_EVENTS), "task-3", "not json either".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(60)).until(() -> pending().size() == 1);
        assertThat(pending()).extracting(DeadLetterEntry::key).containsExactly("task-3");
        assertThat(get("/admin/dlq", Map.class).get("sources").toString())
                .contains("pending=1").contains("redriven=2").contains("discarded=0").contains("complete=true");

        kafka.send(topic(Topics.TASK_EVENTS), "task-4", "and a fourth".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/admin/dlq", Map.class).get("sources").toString()
                .contains("complete=false"));
    }

    private DeadLetterEntry entry(String key) {
        return get("/admin/dlq/task-events?status=all", ENTRIES).stream().filter(e -> key.equals(e.key())).findFirst()
                .orElseThrow();
    }

    private List<DeadLetterEntry> pending() {
        return get("/admin/dlq/task-events", ENTRIES);
    }

    private <T> T get(String path, Class<T> type) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(tokenFor("ops", "admin")), type);
    }

    private <T> T get(String path, Argument<T> type) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(tokenFor("ops", "admin")), type);
    }

    private DeadLetterEntry post(String path, Object body) {
        HttpResponse<DeadLetterEntry> response = http.toBlocking().exchange(HttpRequest.POST(path, body)
                .bearerAuth(tokenFor("ops", "admin")), DeadLetterEntry.class);
        return response.body();
    }

    private static void assertStatus(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpClientResponseException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(status));
    }
}
