package io.taskstream.api.task;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventPayload;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.FieldChange;
import io.taskstream.events.task.TaskBoardUpdate;
import io.taskstream.events.task.TaskUpdated;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class TaskLifecycleTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;
    @Inject
    EventCodec codec;

    @Test
    void everyChangeProducesExactlyItsEventsInOrderWithConsecutiveVersions() {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("alice"));
        String id = api.create("{\"title\":\"Water the plants\",\"tags\":[\"home\"]}");
        assertThat(api.send("PATCH", "/tasks/" + id, "{\"title\":\"Water all plants\",\"priority\":\"high\"}",
                Map.of("If-Match", "\"1\"")).statusCode()).isEqualTo(200);
        assertThat(api.send("PATCH", "/tasks/" + id, "{\"title\":\"Water all plants\"}", Map.of()).body())
                .as("a patch that changes nothing is no new version").contains("\"version\":2");
        assertThat(api.send("POST", "/tasks/" + id + "/complete", "", Map.of("If-Match", "\"2\"")).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/tasks/" + id + "/reopen", "", Map.of()).statusCode()).isEqualTo(200);
        assertThat(api.send("DELETE", "/tasks/" + id, "", Map.of("If-Match", "\"4\"")).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/tasks/" + id, "", Map.of()).statusCode()).isEqualTo(404);

        List<EventEnvelope<EventPayload>> events = read(Topics.TASK_EVENTS, id, 5);
        assertThat(events).extracting(EventEnvelope::eventType)
                .containsExactly("task.created", "task.updated", "task.completed", "task.reopened", "task.deleted");
        assertThat(events).extracting(EventEnvelope::aggregateVersion).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(1).dataAs(TaskUpdated.class).changes()).extracting(FieldChange::field, FieldChange::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("title", "\"Water all plants\""),
                        org.assertj.core.groups.Tuple.tuple("priority", "\"high\""));
        List<EventEnvelope<EventPayload>> board = read(Topics.TASK_UPDATES, id, 5);
        assertThat(board).extracting(e -> e.dataAs(TaskBoardUpdate.class).change())
                .containsExactly("created", "updated", "completed", "reopened", "deleted");
    }

    @Test
    void aDueTimeFinerThanMicrosecondsIsStoredAndAnsweredAsPostgreSqlKeepsIt() {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("alice"));
        String body = "{\"title\":\"Fine\",\"due_at\":\"2026-12-01T09:00:00.123456789Z\"}";
        String id = api.create(body);
        assertThat(api.send("GET", "/tasks/" + id, "", Map.of()).body()).contains("\"due_at\":\"2026-12-01T09:00:00.123456Z\"");

        String again = api.send("PATCH", "/tasks/" + id, "{\"due_at\":\"2026-12-01T09:00:00.123456789Z\"}", Map.of()).body();

        assertThat(again).as("the same due time again is no change").contains("\"version\":1")
                .contains("\"due_at\":\"2026-12-01T09:00:00.123456Z\"");
    }

    @Test
    void overlappingChangesToOneTaskGetConsecutiveVersionsPublishedInOrder() throws Exception {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("gina"));
        String id = api.create("{\"title\":\"Contended\"}");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
        for (int i = 0; i < 16; i++) {
            String title = "\"Contended " + i + "\"";
            results.add(pool.submit(() -> api.send("PATCH", "/tasks/" + id, "{\"title\":" + title + "}", Map.of()).statusCode()));
        }
        for (var result : results) {
            assertThat(result.get()).isEqualTo(200);
        }
        pool.shutdown();

        assertThat(read(Topics.TASK_EVENTS, id, 17)).extracting(EventEnvelope::aggregateVersion)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 17).boxed().toList());
    }

    @Test
    void aStaleIfMatchChangesNothing() {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("bob"));
        String id = api.create("{\"title\":\"Pay rent\"}");
        api.send("PATCH", "/tasks/" + id, "{\"description\":\"by Friday\"}", Map.of());

        HttpResponse<String> stale = api.send("POST", "/tasks/" + id + "/complete", "", Map.of("If-Match", "\"1\""));

        assertThat(stale.statusCode()).isEqualTo(412);
        HttpResponse<String> current = api.send("GET", "/tasks/" + id, "", Map.of());
        assertThat(current.body()).contains("\"status\":\"open\"").contains("\"version\":2");
        assertThat(current.headers().firstValue("ETag")).contains("\"2\"");
    }

    @Test
    void ifMatchComparesStronglySoAWeakTagNeverMatchesAndAListMatchesAnyOfItsTags() {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("bob"));
        String id = api.create("{\"title\":\"Renew passport\"}");

        HttpResponse<String> weak = api.send("POST", "/tasks/" + id + "/complete", "", Map.of("If-Match", "W/\"1\""));
        assertThat(weak.statusCode()).isEqualTo(412);
        assertThat(weak.body()).contains("weak ETags, which never match");
        assertThat(api.send("GET", "/tasks/" + id, "", Map.of()).body()).contains("\"version\":1");

        HttpResponse<String> listed = api.send("POST", "/tasks/" + id + "/complete", "", Map.of("If-Match", "\"7\", W/\"1\", \"1\""));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().firstValue("ETag")).contains("\"2\"");
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstResponseAndCreatesNothingNew() {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("carol"));
        Map<String, String> key = Map.of("Idempotency-Key", "create-rent-2026-12");

        HttpResponse<String> first = api.send("POST", "/tasks", "{\"title\":\"Rent December\"}", key);
        HttpResponse<String> second = api.send("POST", "/tasks", "{\"title\":\"Rent December\"}", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        String id = TaskApiClient.field(first.body(), "id");
        assertThat(api.send("GET", "/tasks", "", Map.of()).body()).containsOnlyOnce("Rent December");

        Map<String, String> completeKey = Map.of("Idempotency-Key", "complete-" + id);
        assertThat(api.send("POST", "/tasks/" + id + "/complete", "", completeKey).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/tasks/" + id + "/complete", "", completeKey).statusCode())
                .as("a replayed completion answers as the first did, not 409").isEqualTo(200);
        assertThat(read(Topics.TASK_EVENTS, id, 2)).extracting(EventEnvelope::eventType)
                .containsExactly("task.created", "task.completed");
    }

    private List<EventEnvelope<EventPayload>> read(String topic, String taskId, int expected) {
        return new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic(topic), r -> taskId.equals(codec.decode(r.value()).aggregateId()), expected,
                        Duration.ofSeconds(20)).stream()
                .map(r -> codec.decode(r.value()))
                .toList();
    }
}
