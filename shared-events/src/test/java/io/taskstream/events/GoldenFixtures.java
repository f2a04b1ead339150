package io.taskstream.events;

import io.taskstream.events.codec.EventType;
import io.taskstream.events.codec.EventTypeRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The golden JSON of every released (event type, schema version), at
 * {@code fixtures/<type>/v<version>.json}. Shipped in the shared-events test-jar so every consumer's
 * tests can prove they still read what producers may send (compatibility for independent releases).
 */
public final class GoldenFixtures {

    public record Fixture(String eventType, int schemaVersion, String path, byte[] json) {
        @Override
        public String toString() {
            return eventType + " v" + schemaVersion;
        }
    }

    private GoldenFixtures() {
    }

    /** Every released version of every registered type; a missing file fails loudly. */
    public static List<Fixture> all() {
        List<Fixture> fixtures = new ArrayList<>();
        for (EventType type : EventTypeRegistry.STANDARD.all()) {
            for (int v = 1; v <= type.version(); v++) {
                fixtures.add(load(type.name(), v));
            }
        }
        return fixtures;
    }

    /** Fixtures of the event types that travel on one topic. */
    public static List<Fixture> forTopic(String topic) {
        return all().stream()
                .filter(f -> EventTypeRegistry.STANDARD.byName(f.eventType()).topic().equals(topic))
                .toList();
    }

    public static Fixture load(String eventType, int version) {
        String path = "fixtures/" + eventType + "/v" + version + ".json";
        try (InputStream in = GoldenFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("golden fixture missing: " + path
                        + " (every released event version needs one; never delete old ones)");
            }
            return new Fixture(eventType, version, path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
