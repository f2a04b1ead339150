package io.taskstream.notification.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;
import java.util.UUID;

/**
 * Answer of {@code POST /notifications/bulk}: one result per distinct id, in request order. Outcome
 * {@code marked} (set now), {@code unchanged} (it already had the mark) or {@code not_found} (no such
 * notification of the caller's; another user's id looks the same).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty list or a null field is sent, not left out
public record BulkMarkResult(String action, List<Item> results) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Item(UUID id, String outcome) {
    }
}
