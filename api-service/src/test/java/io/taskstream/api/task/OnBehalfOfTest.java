package io.taskstream.api.task;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventPayload;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A token with role {@code service} acts for the user named in X-On-Behalf-Of and stays the events' actor. */
@MicronautTest(transactional = false)
class OnBehalfOfTest extends RealInfrastructureTest {

    static final String SERVICE = "recurring-service";

    @Inject
    EmbeddedServer server;
    @Inject
    EventCodec codec;

    @Test
    void aServiceCreatesATaskThatBelongsToTheUserItActsFor() {
        TaskApiClient service = client(tokenFor(SERVICE, "service"));
        HttpResponse<String> created = service.send("POST", "/tasks", "{\"title\":\"Next rent\"}", Map.of("X-On-Behalf-Of", "alice"));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = TaskApiClient.field(created.body(), "id");

        TaskApiClient alice = client(tokenFor("alice"));
        assertThat(alice.send("GET", "/tasks/" + id, "", Map.of()).statusCode()).isEqualTo(200);
        assertThat(alice.send("GET", "/tasks", "", Map.of()).body()).contains(id);
        TaskApiClient bob = client(tokenFor("bob"));
        assertThat(bob.send("GET", "/tasks/" + id, "", Map.of()).statusCode()).isEqualTo(404);
        assertThat(bob.send("GET", "/tasks", "", Map.of()).body()).doesNotContain(id);
        assertThat(service.send("GET", "/tasks/" + id, "", Map.of()).statusCode())
                .as("without the header the service acts as itself").isEqualTo(404);
        assertThat(service.send("GET", "/tasks", "", Map.of("X-On-Behalf-Of", "alice")).body()).contains(id);

        EventEnvelope<EventPayload> event = events(Topics.TASK_EVENTS, id, 1).get(0);
        assertThat(event.eventType()).isEqualTo("task.created");
        assertThat(event.userId()).isEqualTo("alice");
        assertThat(event.actor()).isEqualTo(SERVICE);
        ConsumerRecord<String, byte[]> board = records(Topics.TASK_UPDATES, id, 1).get(0);
        assertThat(board.key()).as("alice's feed, not the service's").isEqualTo("alice");
        assertThat(codec.decode(board.value()).actor()).isEqualTo(SERVICE);
    }

    @Test
    void aUserJoinsOnlyTheirOwnSeriesWhileAServiceActingForThemMayNameAny() {
        TaskApiClient alice = client(tokenFor("alice"));
        String recurring = alice.create("{\"title\":\"Rent\",\"due_at\":\"2027-01-01T09:00:00Z\","
                + "\"recurrence\":{\"rrule\":\"FREQ=MONTHLY\",\"timezone\":\"UTC\"}}");
        String series = TaskApiClient.field(alice.send("GET", "/tasks/" + recurring, "", Map.of()).body(), "series_id");
        String join = "{\"title\":\"Extra\",\"series_id\":\"" + series + "\"}";

        assertThat(alice.send("POST", "/tasks", join, Map.of()).statusCode()).as("her own series").isEqualTo(201);
        HttpResponse<String> bobs = client(tokenFor("bob")).send("POST", "/tasks", join, Map.of());
        assertThat(bobs.statusCode()).as("someone else's series: %s", bobs.body()).isEqualTo(422);
        assertThat(bobs.body()).contains("\"field\":\"series_id\"");
        String unknown = "{\"title\":\"Next\",\"series_id\":\"" + java.util.UUID.randomUUID() + "\"}";
        assertThat(client(tokenFor(SERVICE, "service")).send("POST", "/tasks", unknown, Map.of("X-On-Behalf-Of", "bob"))
                .statusCode()).as("recurring-service creating a next occurrence").isEqualTo(201);
    }

    @Test
    void theIdempotencyKeyIsScopedToTheUserTheServiceActsFor() {
        TaskApiClient service = client(tokenFor(SERVICE, "service"));
        String body = "{\"title\":\"Standup\"}";
        HttpResponse<String> first = service.send("POST", "/tasks", body, Map.of("X-On-Behalf-Of", "erin", "Idempotency-Key", "occ-1"));
        HttpResponse<String> again = service.send("POST", "/tasks", body, Map.of("X-On-Behalf-Of", "erin", "Idempotency-Key", "occ-1"));
        HttpResponse<String> forFrank = service.send("POST", "/tasks", body, Map.of("X-On-Behalf-Of", "frank", "Idempotency-Key", "occ-1"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(client(tokenFor("erin")).send("GET", "/tasks", "", Map.of()).body()).containsOnlyOnce("Standup");
        assertThat(forFrank.statusCode()).isEqualTo(201);
        assertThat(TaskApiClient.field(forFrank.body(), "id")).as("another user's key space")
                .isNotEqualTo(TaskApiClient.field(first.body(), "id"));
        assertThat(client(tokenFor("frank")).send("GET", "/tasks", "", Map.of()).body()).containsOnlyOnce("Standup");
    }

    @Test
    void aCallerWithoutTheServiceRoleMayNotActForSomeoneElse() {
        TaskApiClient mallory = client(tokenFor("mallory", "user"));
        HttpResponse<String> refused = mallory.send("POST", "/tasks", "{\"title\":\"Sneaky\"}", Map.of("X-On-Behalf-Of", "alice"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("X-On-Behalf-Of").contains("'service' role");
        assertThat(mallory.send("GET", "/tasks", "", Map.of("X-On-Behalf-Of", "alice")).statusCode()).isEqualTo(403);
        assertThat(client(tokenFor("alice")).send("GET", "/tasks", "", Map.of()).body()).doesNotContain("Sneaky");
    }

    @Test
    void aBlankOrOverlongHeaderIsABadRequest() {
        TaskApiClient service = client(tokenFor(SERVICE, "service"));
        for (String value : List.of("", "   ", "u".repeat(201))) {
            HttpResponse<String> response = service.send("POST", "/tasks", "{\"title\":\"Nobody's\"}", Map.of("X-On-Behalf-Of", value));
            assertThat(response.statusCode()).as("X-On-Behalf-Of: '%s'", value).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).contains("X-On-Behalf-Of");
        }
        assertThat(service.send("GET", "/tasks", "", Map.of("X-On-Behalf-Of", "u".repeat(200))).statusCode()).isEqualTo(200);
    }

    @Test
    void theActorIsTheUserForTheirOwnChangesAndTheServiceForItsChanges() {
        TaskApiClient gina = client(tokenFor("gina"));
        String id = gina.create("{\"title\":\"Water the plants\"}");
        TaskApiClient service = client(tokenFor(SERVICE, "service"));
        assertThat(service.send("POST", "/tasks/" + id + "/complete", "", Map.of("X-On-Behalf-Of", "gina")).statusCode()).isEqualTo(200);
        assertThat(gina.send("POST", "/tasks/" + id + "/reopen", "", Map.of()).statusCode()).isEqualTo(200);

        List<EventEnvelope<EventPayload>> events = events(Topics.TASK_EVENTS, id, 3);
        assertThat(events).extracting(EventEnvelope::eventType).containsExactly("task.created", "task.completed", "task.reopened");
        assertThat(events).extracting(EventEnvelope::userId).containsOnly("gina");
        assertThat(events).extracting(EventEnvelope::actor).containsExactly("gina", SERVICE, "gina");
    }

    private TaskApiClient client(String token) {
        return new TaskApiClient(server.getURL().toString(), token);
    }

    private List<EventEnvelope<EventPayload>> events(String topic, String taskId, int expected) {
        return records(topic, taskId, expected).stream().map(r -> codec.decode(r.value())).toList();
    }

    private List<ConsumerRecord<String, byte[]>> records(String topic, String taskId, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic(topic), r -> taskId.equals(codec.decode(r.value()).aggregateId()), expected,
                        Duration.ofSeconds(20));
        assertThat(records).hasSize(expected);
        return records;
    }
}
