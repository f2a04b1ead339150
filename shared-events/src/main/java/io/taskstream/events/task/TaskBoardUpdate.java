package io.taskstream.events.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.EventPayload;

/**
 * Payload on {@code task-updates}: what a browser needs to patch its board.
 *
 * @param change one of {@code created, updated, completed, reopened, deleted}
 * @param task   the task after the change (for {@code deleted}, its last state)
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskBoardUpdate(String change, TaskSnapshot task) implements EventPayload {
}
