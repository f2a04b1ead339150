package io.taskstream.events.codec;

import io.taskstream.events.EventPayload;

/**
 * One registered event type at its current schema version.
 *
 * @param name        stable wire name, e.g. {@code task.created}
 * @param version     the schema version this code writes
 * @param payloadType the record the {@code data} field decodes into
 * @param topic       the default topic it travels on
 */
public record EventType(String name, int version, Class<? extends EventPayload> payloadType, String topic) {
}
