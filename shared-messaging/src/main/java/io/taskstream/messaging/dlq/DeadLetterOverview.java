package io.taskstream.messaging.dlq;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** Per source topic: how many of this group's dead letters wait for a decision. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty list or a null field is sent, not left out
record DeadLetterOverview(String consumerGroup, List<Source> sources) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    /** {@code complete}: false when the topic held more than {@code taskstream.dlq.scan-limit} records, counted up to there. */
    record Source(String source, String dlqTopic, int pending, int redriven, int discarded, boolean complete) {
    }
}
