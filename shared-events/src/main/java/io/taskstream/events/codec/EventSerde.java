package io.taskstream.events.codec;

import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer and deserializer for envelopes, for tools and tests that talk to Kafka directly.
 * Service listeners take raw bytes and decode with {@link EventCodec} themselves, so a bad record
 * becomes a dead letter instead of an exception inside {@code poll()}.
 */
public final class EventSerde implements Serializer<EventEnvelope<?>>, Deserializer<EventEnvelope<EventPayload>> {

    private final EventCodec codec;

    public EventSerde() {
        this(EventCodec.standalone());
    }

    public EventSerde(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, EventEnvelope<?> data) {
        return data == null ? null : codec.encode(data);
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // no settings: the codec is fixed at construction
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public EventEnvelope<EventPayload> deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }
}
