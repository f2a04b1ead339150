package io.taskstream.events;

import io.micronaut.json.tree.JsonNode;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.EventDecodingException;
import io.taskstream.events.codec.EventDecodingException.Reason;
import io.taskstream.events.codec.EventType;
import io.taskstream.events.codec.EventTypeRegistry;
import io.taskstream.events.codec.Upcaster;
import io.micronaut.serde.ObjectMapper;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskPriority;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private final EventCodec codec = EventCodec.standalone();
    private final String created = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8);

    @Test
    void unknownFieldsAreIgnoredAtEveryLevel() {
        String json = created.replaceFirst("\\{", "{\"added_later\": 42,")
                .replace("\"title\":", "\"colour\": \"red\", \"title\":");

        TaskCreated payload = codec.decode(bytes(json)).dataAs(TaskCreated.class);

        assertThat(payload.task().title()).isEqualTo("Water the plants");
    }

    @Test
    void actorIsOptionalSoEventsWrittenBeforeItExistedStillDecode() {
        assertThat(codec.decode(bytes(created)).actor()).isEqualTo("alice");
        assertThat(codec.decode(bytes(created.replace("\"actor\": \"alice\",", ""))).actor()).isNull();
    }

    @Test
    void emptyStringsAndListsSurviveTheRoundTrip() {
        var request = new io.taskstream.events.notification.NotificationRequested("alice", "info", "Hello", "",
                null, List.of(), false);
        var envelope = io.taskstream.events.envelope.Envelopes.create("test", null, 0, "alice", "alice", null, null,
                java.time.Instant.now(), request);

        var decoded = codec.decode(codec.encode(envelope)).dataAs(io.taskstream.events.notification.NotificationRequested.class);

        assertThat(decoded.message()).isEmpty();
        assertThat(decoded.channels()).isEmpty();
    }

    @Test
    void nonJsonBytesAreATypedError() {
        assertReason(new byte[]{(byte) 0xC3, 0x28, 0x00, 0x7F}, Reason.MALFORMED_JSON);
        assertReason(bytes("not json at all"), Reason.MALFORMED_JSON);
        assertReason(new byte[0], Reason.MALFORMED_JSON);
    }

    @Test
    void unknownTypeIsATypedError() {
        assertReason(bytes(created.replace("\"task.created\"", "\"task.teleported\"")), Reason.UNKNOWN_TYPE);
    }

    @Test
    void newerSchemaVersionIsATypedError() {
        assertReason(bytes(created.replace("\"schema_version\": 1", "\"schema_version\": 9")), Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void missingEnvelopeFieldIsATypedError() {
        assertReason(bytes(created.replace("\"event_id\"", "\"not_the_event_id\"")), Reason.INVALID_ENVELOPE);
    }

    @Test
    void payloadMissingARequiredFieldIsATypedError() {
        assertReason(bytes(created.replace("\"task\":", "\"not_a_task\":")), Reason.INVALID_PAYLOAD);
    }

    @Test
    void aNestedRequiredFieldIsNamedByItsPath() {
        codec.decode(bytes(created)); // the record types' components are looked up once, then reused

        assertThatThrownBy(() -> codec.decode(bytes(created.replace("\"title\":", "\"not_the_title\":"))))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_PAYLOAD);
                    assertThat(e.getMessage()).contains("data.task.title").doesNotContain("data.task.description");
                });
    }

    @Test
    void payloadWithWrongValueIsATypedError() {
        assertReason(bytes(created.replace("\"status\": \"open\"", "\"status\": \"sleeping\"")), Reason.INVALID_PAYLOAD);
    }

    @Test
    void upcasterBringsAnOldVersionToTheCurrentOne() {
        // Pretend task.created is at v2, whose writers always set a priority of "urgent" (this test only).
        Upcaster urgentByDefault = new Upcaster() {
            public String eventType() { return EventTypes.TASK_CREATED; }
            public int fromVersion() { return 1; }
            @SuppressWarnings("unchecked")
            public JsonNode upcast(JsonNode data) {
                try {
                    Map<String, Object> tree = ObjectMapper.getDefault().readValueFromTree(data, Map.class);
                    ((Map<String, Object>) tree.get("task")).put("priority", "urgent");
                    return ObjectMapper.getDefault().writeValueToTree(tree);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        EventTypeRegistry registry = new EventTypeRegistry(
                List.of(new EventType(EventTypes.TASK_CREATED, 2, TaskCreated.class, Topics.TASK_EVENTS)),
                List.of(urgentByDefault));
        EventCodec v2Codec = new EventCodec(ObjectMapper.getDefault(), registry);

        EventEnvelope<EventPayload> decoded = v2Codec.decode(bytes(created));

        assertThat(decoded.schemaVersion()).isEqualTo(2);
        assertThat(decoded.dataAs(TaskCreated.class).task().title()).isEqualTo("Water the plants");
        assertThat(decoded.dataAs(TaskCreated.class).task().priority()).isEqualTo(TaskPriority.URGENT);
    }

    @Test
    void missingUpcasterIsATypedError() {
        EventTypeRegistry registry = new EventTypeRegistry(
                List.of(new EventType(EventTypes.TASK_CREATED, 2, TaskCreated.class, Topics.TASK_EVENTS)), List.of());

        assertThatThrownBy(() -> new EventCodec(ObjectMapper.getDefault(), registry).decode(bytes(created)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION));
    }

    @Test
    void anUpcasterThatFailsOnAnOldPayloadMakesTheEventUndecodableNotACrash() {
        Upcaster needsAField = new Upcaster() {
            public String eventType() { return EventTypes.TASK_CREATED; }
            public int fromVersion() { return 1; }
            public JsonNode upcast(JsonNode data) {
                return data.get("no_such_field").get("x"); // an NPE on a payload its author did not expect
            }
        };
        EventTypeRegistry registry = new EventTypeRegistry(
                List.of(new EventType(EventTypes.TASK_CREATED, 2, TaskCreated.class, Topics.TASK_EVENTS)), List.of(needsAField));

        assertThatThrownBy(() -> new EventCodec(ObjectMapper.getDefault(), registry).decode(bytes(created)))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_PAYLOAD);
                    assertThat(e.getMessage()).contains("could not be upcast to 2").contains("NullPointerException");
                });
    }

    @Test
    void encodeRefusesAnEnvelopeWhoseTypeDoesNotMatchItsPayload() {
        EventEnvelope<EventPayload> decoded = codec.decode(bytes(created));
        EventEnvelope<EventPayload> lying = new EventEnvelope<>(decoded.eventId(), EventTypes.TASK_DELETED, 1,
                decoded.occurredAt(), decoded.producer(), null, null, decoded.aggregateId(), 1, "alice", "alice", decoded.data());

        assertThatThrownBy(() -> codec.encode(lying)).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertReason(byte[] value, Reason reason) {
        assertThatThrownBy(() -> codec.decode(value))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
