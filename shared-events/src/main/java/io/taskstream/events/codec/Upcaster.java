package io.taskstream.events.codec;

import io.micronaut.json.tree.JsonNode;

/**
 * Rewrites the {@code data} of one event type from {@code fromVersion} to {@code fromVersion + 1}.
 * The registry chains upcasters so an old event reaches the current version before it is decoded.
 */
public interface Upcaster {

    String eventType();

    int fromVersion();

    JsonNode upcast(JsonNode data);
}
