package io.taskstream.messaging.dlq;

import io.micronaut.http.HttpStatus;
import io.taskstream.web.problem.ProblemException;

/** A DLQ record's address: {@code <partition>-<offset>} in its dead-letter topic. */
record DeadLetterRecordId(int partition, long offset) {

    static DeadLetterRecordId parse(String id) {
        String[] parts = id.split("-", 2);
        try {
            if (parts.length == 2) {
                return new DeadLetterRecordId(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ProblemException(HttpStatus.BAD_REQUEST, "id must be <partition>-<offset>, e.g. 0-42; was '" + id + "'");
    }

    @Override
    public String toString() {
        return partition + "-" + offset;
    }
}
