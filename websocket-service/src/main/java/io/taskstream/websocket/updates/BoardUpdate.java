package io.taskstream.websocket.updates;

import java.time.Instant;

/**
 * One decoded {@code task-updates} record, already rendered as the message a socket receives.
 *
 * @param userId     whose board it patches (only that user's sockets get it)
 * @param occurredAt the event's time, for push latency
 * @param receivedAt when this replica read it, for the history's age bound
 * @param json       {@code {"type":"update",...}}
 */
public record BoardUpdate(int partition, long offset, String userId, Instant occurredAt, Instant receivedAt,
                          String json) {

    public Position position() {
        return new Position(partition, offset);
    }
}
