package io.taskstream.websocket.updates;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.task.TaskSnapshot;

import java.time.Instant;
import java.util.UUID;

/** The {@code update} message: {@code {"type":"update","position":..,"event_id":..,"change":..,"task":{..}}}. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record UpdateMessage(String type, String position, UUID eventId, String change, Instant occurredAt,
                           TaskSnapshot task) {
}
