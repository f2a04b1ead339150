package io.taskstream.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** One page of GET /tasks; pass {@code next_cursor} as {@code cursor} for the next page (null at the end). */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty list or a null field is sent, not left out
public record TaskPage(List<TaskView> items, @Nullable String nextCursor) {
}
