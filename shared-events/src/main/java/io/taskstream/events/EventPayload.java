package io.taskstream.events;

/**
 * Marker for the typed {@code data} of an envelope. Each implementation is registered in
 * {@link io.taskstream.events.codec.EventTypeRegistry} under a stable event type and schema version.
 */
public interface EventPayload {
}
