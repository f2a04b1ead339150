package io.taskstream.events.codec;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static io.taskstream.events.codec.EventDecodingException.Reason.INVALID_ENVELOPE;
import static io.taskstream.events.codec.EventDecodingException.Reason.INVALID_PAYLOAD;
import static io.taskstream.events.codec.EventDecodingException.Reason.MALFORMED_JSON;

/**
 * Turns envelopes into JSON bytes and back. Decoding never throws anything but
 * {@link EventDecodingException}, so a consumer can dead-letter a bad record and keep going.
 */
public final class EventCodec {

    private final JsonMapper mapper;
    private final EventTypeRegistry registry;

    public EventCodec(JsonMapper mapper, EventTypeRegistry registry) {
        this.mapper = mapper;
        this.registry = registry;
    }

    /** A codec for code outside a Micronaut context (Kafka serializers, tools, tests). */
    public static EventCodec standalone() {
        return new EventCodec(ObjectMapper.getDefault(), EventTypeRegistry.STANDARD);
    }

    public EventTypeRegistry registry() {
        return registry;
    }

    public byte[] encode(EventEnvelope<?> envelope) {
        EventType type = registry.forPayload(envelope.data());
        if (!type.name().equals(envelope.eventType()) || type.version() != envelope.schemaVersion()) {
            throw new IllegalArgumentException("envelope says " + envelope.eventType() + " v" + envelope.schemaVersion()
                    + " but its payload is registered as " + type.name() + " v" + type.version());
        }
        try {
            return mapper.writeValueAsBytes(new EnvelopeOut(envelope.eventId(), envelope.eventType(),
                    envelope.schemaVersion(), envelope.occurredAt(), envelope.producer(), envelope.correlationId(),
                    envelope.causationId(), envelope.aggregateId(), envelope.aggregateVersion(), envelope.userId(),
                    envelope.actor(), envelope.data()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + envelope.eventType() + " " + envelope.eventId(), e);
        }
    }

    public EventEnvelope<EventPayload> decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new EventDecodingException(MALFORMED_JSON, "empty record value");
        }
        EnvelopeJson json;
        try {
            json = mapper.readValue(bytes, EnvelopeJson.class);
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException(MALFORMED_JSON, "value is not a JSON envelope: " + e.getMessage(), e);
        }
        requireEnvelopeFields(json);
        EventType type = registry.byName(json.eventType());
        JsonNode data = registry.upcast(type, json.schemaVersion(), json.data());
        EventPayload payload;
        try {
            payload = mapper.readValueFromTree(data, type.payloadType());
        } catch (IOException | RuntimeException e) {
            throw new EventDecodingException(INVALID_PAYLOAD,
                    type.name() + " data does not match its schema: " + e.getMessage(), e);
        }
        List<String> missing = RequiredFields.missing(payload);
        if (!missing.isEmpty()) {
            throw new EventDecodingException(INVALID_PAYLOAD, type.name() + " data lacks required fields " + missing);
        }
        return new EventEnvelope<>(json.eventId(), type.name(), type.version(), json.occurredAt(), json.producer(),
                json.correlationId(), json.causationId(), json.aggregateId(),
                json.aggregateVersion() == null ? 0 : json.aggregateVersion(), json.userId(), json.actor(), payload);
    }

    private static void requireEnvelopeFields(EnvelopeJson json) {
        List<String> missing = new ArrayList<>();
        if (json.eventId() == null) missing.add("event_id");
        if (json.eventType() == null) missing.add("event_type");
        if (json.schemaVersion() == null) missing.add("schema_version");
        if (json.occurredAt() == null) missing.add("occurred_at");
        if (json.producer() == null) missing.add("producer");
        if (json.data() == null || !json.data().isObject()) missing.add("data (object)");
        if (!missing.isEmpty()) {
            throw new EventDecodingException(INVALID_ENVELOPE, "missing or invalid envelope fields " + missing);
        }
        if (json.schemaVersion() < 1) {
            throw new EventDecodingException(INVALID_ENVELOPE, "schema_version must be >= 1, was " + json.schemaVersion());
        }
    }
}
