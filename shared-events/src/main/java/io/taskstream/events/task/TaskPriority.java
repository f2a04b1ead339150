package io.taskstream.events.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;

/** Priority of a task; the JSON form is the lower-case wire name. */
@Serdeable
public enum TaskPriority {
    LOW("low"),
    NORMAL("normal"),
    HIGH("high"),
    URGENT("urgent");

    private final String wireName;

    TaskPriority(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static TaskPriority fromWireName(String value) {
        return Arrays.stream(values())
                .filter(p -> p.wireName.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown priority '" + value
                        + "', expected one of " + Arrays.toString(Arrays.stream(values()).map(TaskPriority::wireName).toArray())));
    }
}
