package io.taskstream.audit.query;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * Which audit entries a request may see, already validated and authorized.
 *
 * @param userId only this user's entries; null (auditors only) for every user's
 * @param types  any of these event types; empty for all
 * @param from   occurred at or after (inclusive)
 * @param to     occurred before (exclusive)
 */
public record AuditFilter(@Nullable String taskId, @Nullable String userId, List<String> types,
                          @Nullable Instant from, @Nullable Instant to) {
}
