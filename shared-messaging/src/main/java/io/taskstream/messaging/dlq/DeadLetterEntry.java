package io.taskstream.messaging.dlq;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.Map;

/**
 * One record in a dead-letter topic as an operator sees it. {@code id} is {@code <partition>-<offset>}
 * in the DLQ topic. {@code value} and {@code headers} are filled only when a single entry is shown.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record DeadLetterEntry(
        String id,
        String dlqTopic,
        @Nullable String key,
        Instant dlqTimestamp,
        @Nullable String originalTopic,
        @Nullable Integer originalPartition,
        @Nullable Long originalOffset,
        @Nullable String consumerGroup,
        @Nullable String exceptionClass,
        @Nullable String exceptionMessage,
        @Nullable Integer attempts,
        @Nullable Instant firstFailure,
        @Nullable Instant lastFailure,
        int redriveCount,
        String status,
        @Nullable Resolution resolution,
        @Nullable String value,
        @Nullable String valueEncoding,
        @Nullable Map<String, String> headers) {

    public static final String PENDING = "pending";

    /** What an operator decided, if anything. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Resolution(String action, @Nullable String reason, String resolvedBy, Instant resolvedAt) {
    }
}
