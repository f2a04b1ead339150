package io.taskstream.websocket.socket;

import io.micronaut.json.JsonMapper;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.task.TaskBoardUpdate;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;
import io.taskstream.localstack.junit.KafkaTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test "Mother": puts task-updates records on the broker and reads socket messages back. */
final class BoardUpdates {

    private static final EventCodec CODEC = EventCodec.standalone();

    private final KafkaTestClient kafka;
    private final String topic;
    private final JsonMapper json;

    BoardUpdates(KafkaTestClient kafka, String topic, JsonMapper json) {
        this.kafka = kafka;
        this.topic = topic;
        this.json = json;
    }

    /** Publishes an update for {@code userId} whose task title is {@code title}, keyed by user as api-service does. */
    void publish(String userId, String title) {
        kafka.send(topic, userId, encoded(userId, title));
    }

    /** The record value {@link #publish} sends. */
    static byte[] encoded(String userId, String title) {
        Instant now = Instant.now();
        UUID taskId = UUID.randomUUID();
        TaskSnapshot task = new TaskSnapshot(taskId, userId, title, null, TaskStatus.OPEN, TaskPriority.NORMAL,
                List.of(), null, null, null, null, now, now, null, 1);
        var envelope = Envelopes.create("api-service", taskId.toString(), 1, userId, userId, null, null, now,
                new TaskBoardUpdate("created", task));
        return CODEC.encode(envelope);
    }

    void publishRaw(String userId, byte[] value) {
        kafka.send(topic, userId, value);
    }

    Map<String, Object> parse(String message) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.readValue(message, Map.class);
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String type(String message) {
        return (String) parse(message).get("type");
    }

    @SuppressWarnings("unchecked")
    String title(String message) {
        return (String) ((Map<String, Object>) parse(message).get("task")).get("title");
    }

    String position(String message) {
        return (String) parse(message).get("position");
    }

    /** The titles of the update messages, in arrival order. */
    List<String> titles(TestSocket socket) {
        return socket.messages().stream().filter(m -> "update".equals(type(m))).map(this::title).toList();
    }
}
