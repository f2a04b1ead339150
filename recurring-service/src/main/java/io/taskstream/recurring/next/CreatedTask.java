package io.taskstream.recurring.next;

import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** What this service reads of api-service's answer to a create. */
@Serdeable
record CreatedTask(UUID id) {
}
