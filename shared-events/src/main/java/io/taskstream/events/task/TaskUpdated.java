package io.taskstream.events.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** Payload of {@code task.updated}: the task after the change and the fields that changed. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskUpdated(TaskSnapshot task, List<FieldChange> changes) implements TaskEvent {

    public TaskUpdated {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
