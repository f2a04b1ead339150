package io.taskstream.events.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;

/** Lifecycle state of a task; the JSON form is the lower-case wire name. */
@Serdeable
public enum TaskStatus {
    OPEN("open"),
    COMPLETED("completed");

    private final String wireName;

    TaskStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static TaskStatus fromWireName(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wireName.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task status '" + value
                        + "', expected one of " + Arrays.toString(Arrays.stream(values()).map(TaskStatus::wireName).toArray())));
    }
}
