package io.taskstream.messaging.consumer;

import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Task events for consumer tests ("Mother"): the golden task.created with an id of our choice. */
public final class TestEvents {

    private static final String FIXTURE_ID = "0193a5b0-8000-7000-8000-000000000001";

    private TestEvents() {
    }

    public static byte[] created(UUID eventId) {
        String json = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8);
        return json.replace(FIXTURE_ID, eventId.toString()).getBytes(StandardCharsets.UTF_8);
    }
}
