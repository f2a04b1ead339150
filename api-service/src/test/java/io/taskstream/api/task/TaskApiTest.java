package io.taskstream.api.task;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventPayload;
import io.taskstream.events.EventTypes;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskBoardUpdate;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(transactional = false)
class TaskApiTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EventCodec codec;

    @Test
    void ownerReadsBackTheCreatedTaskAndOthersGet404() {
        TaskView created = create("alice", Map.of("title", "Water the plants", "priority", "high", "tags", List.of("home")));

        HttpResponse<TaskView> read = http.toBlocking().exchange(
                HttpRequest.GET("/tasks/" + created.id()).bearerAuth(tokenFor("alice")), TaskView.class);

        assertThat(read.body()).isEqualTo(created);
        assertThat(read.getHeaders().get("ETag")).isEqualTo("\"1\"");
        assertThatThrownBy(() -> http.toBlocking().exchange(
                HttpRequest.GET("/tasks/" + created.id()).bearerAuth(tokenFor("bob")), TaskView.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode()));
    }

    @Test
    void creatingATaskPublishesTaskCreatedAndABoardUpdateThroughTheOutbox() {
        TaskView created = create("carol", Map.of("title", "Pay rent"));
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());

        List<EventEnvelope<EventPayload>> taskEvents = decodeFor(created, kafka.readFromStart(topic(Topics.TASK_EVENTS),
                r -> r.key().equals(created.id().toString()), 1, Duration.ofSeconds(20)), created.id().toString());
        List<EventEnvelope<EventPayload>> boardUpdates = decodeFor(created, kafka.readFromStart(topic(Topics.TASK_UPDATES),
                r -> r.key().equals("carol"), 1, Duration.ofSeconds(20)), "carol");

        assertThat(taskEvents).singleElement().satisfies(e -> {
            assertThat(e.eventType()).isEqualTo(EventTypes.TASK_CREATED);
            assertThat(e.aggregateVersion()).isEqualTo(1);
            assertThat(e.userId()).isEqualTo("carol");
            assertThat(e.dataAs(TaskCreated.class).task().title()).isEqualTo("Pay rent");
        });
        assertThat(boardUpdates).singleElement().satisfies(e -> {
            assertThat(e.dataAs(TaskBoardUpdate.class).change()).isEqualTo("created");
            assertThat(e.causationId()).isEqualTo(taskEvents.get(0).eventId().toString());
        });
    }

    @Test
    void prometheusExposesTheOutboxBacklogWithoutAToken() {
        String metrics = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));

        assertThat(metrics).contains("taskstream_outbox_backlog").contains("taskstream_outbox_oldest_unsent_age_seconds");
    }

    @Test
    void requestWithoutATokenIsUnauthorized() {
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/tasks", Map.of("title", "x"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode()));
    }

    @Test
    void blankTitleIsAProblemNamingTheField() {
        assertThatThrownBy(() -> create("alice", Map.of("title", "  ")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY.getCode());
                    assertThat(e.getResponse().getContentType().map(Object::toString)).contains("application/problem+json");
                    assertThat(e.getResponse().getBody(String.class).orElseThrow())
                            .contains("\"field\":\"title\"").contains("must not be blank");
                });
    }

    private TaskView create(String user, Map<String, Object> body) {
        HttpResponse<TaskView> response = http.toBlocking().exchange(
                HttpRequest.POST("/tasks", body).bearerAuth(tokenFor(user)), Argument.of(TaskView.class));
        assertThat(response.status().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        assertThat(response.getHeaders().get("Location")).isEqualTo("/tasks/" + response.body().id());
        return response.body();
    }

    private List<EventEnvelope<EventPayload>> decodeFor(TaskView task, List<ConsumerRecord<String, byte[]>> records,
                                                        String expectedKey) {
        return records.stream()
                .filter(r -> r.key().equals(expectedKey))
                .map(r -> codec.decode(r.value()))
                .filter(e -> e.aggregateId().equals(task.id().toString()))
                .toList();
    }
}
