package io.taskstream.events;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoldenFixturesTest {

    private static final JsonMapper JSON = ObjectMapper.getDefault();
    private final EventCodec codec = EventCodec.standalone();

    static List<GoldenFixtures.Fixture> fixtures() {
        return GoldenFixtures.all();
    }

    @ParameterizedTest(name = "{0} still deserializes")
    @MethodSource("fixtures")
    void everyReleasedVersionStillDeserializes(GoldenFixtures.Fixture fixture) {
        EventEnvelope<EventPayload> envelope = codec.decode(fixture.json());

        assertThat(envelope.eventType()).isEqualTo(fixture.eventType());
        assertThat(envelope.data()).isInstanceOf(codec.registry().byName(fixture.eventType()).payloadType());
    }

    @ParameterizedTest(name = "{0} round-trips without losing a field")
    @MethodSource("fixtures")
    void roundTripKeepsEveryField(GoldenFixtures.Fixture fixture) throws IOException {
        EventEnvelope<EventPayload> decoded = codec.decode(fixture.json());
        byte[] reencoded = codec.encode(decoded);

        assertThat(codec.decode(reencoded)).isEqualTo(decoded);
        Map<String, Object> original = withoutNulls(JSON.readValue(fixture.json(), JsonNode.class));
        Map<String, Object> again = withoutNulls(JSON.readValue(reencoded, JsonNode.class));
        assertThat(again).isEqualTo(original);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutNulls(JsonNode node) throws IOException {
        Map<String, Object> map = JSON.readValueFromTree(node, Map.class);
        return prune(map);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prune(Map<String, Object> map) {
        map.values().removeIf(v -> v == null);
        map.replaceAll((k, v) -> v instanceof Map<?, ?> m ? prune((Map<String, Object>) m) : v);
        return map;
    }
}
