package io.taskstream.events.codec;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import io.taskstream.events.EventPayload;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.envelope.EventEnvelope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventCodec#encode} writes the payload straight into the envelope. Its bytes must equal those of the
 * earlier encoding, which turned the payload into a JSON tree first: same field order, same names, nulls
 * left out the same way. Consumers already deployed, and the golden fixtures, were built against those bytes.
 */
class EncodedBytesTest {

    private final JsonMapper mapper = ObjectMapper.getDefault();
    private final EventCodec codec = EventCodec.standalone();

    static List<GoldenFixtures.Fixture> fixtures() {
        return GoldenFixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void encodingWritesTheSameBytesAsThroughATree(GoldenFixtures.Fixture fixture) throws IOException {
        EventEnvelope<EventPayload> envelope = codec.decode(fixture.json());
        assertThat(new String(codec.encode(envelope))).isEqualTo(new String(throughATree(envelope)));

        EventEnvelope<EventPayload> sparse = new EventEnvelope<>(envelope.eventId(), envelope.eventType(),
                envelope.schemaVersion(), envelope.occurredAt(), envelope.producer(), null, null, null,
                envelope.aggregateVersion(), null, null, envelope.data());
        assertThat(new String(codec.encode(sparse))).as("optional fields absent")
                .isEqualTo(new String(throughATree(sparse)));
    }

    /** The encoding before {@code EnvelopeOut}: the payload as a tree inside {@link EnvelopeJson}. */
    private byte[] throughATree(EventEnvelope<?> e) throws IOException {
        return mapper.writeValueAsBytes(new EnvelopeJson(e.eventId(), e.eventType(), e.schemaVersion(), e.occurredAt(),
                e.producer(), e.correlationId(), e.causationId(), e.aggregateId(), e.aggregateVersion(), e.userId(),
                e.actor(), mapper.writeValueToTree(e.data())));
    }
}
