package io.taskstream.audit.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.audit.log.AuditEntryView;

import java.util.List;

/** One page of {@code GET /audit}; pass {@code next_cursor} as {@code cursor} for the next page (null at the end). */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditPage(List<AuditEntryView> items, @Nullable String nextCursor) {
}
