package io.taskstream.events.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * One changed field of a task: its JSON name and the old and new values rendered as JSON text
 * (so the audit trail can show any field type without a schema per field).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldChange(String field, @Nullable String from, @Nullable String to) {
}
