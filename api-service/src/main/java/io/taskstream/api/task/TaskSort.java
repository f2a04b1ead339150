package io.taskstream.api.task;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;

/** The orders GET /tasks supports; each is a keyset (value, id) so cursors stay stable under inserts. */
enum TaskSort {
    CREATED_DESC("-created_at", "created_at", true, Task::createdAt),
    CREATED_ASC("created_at", "created_at", false, Task::createdAt),
    UPDATED_DESC("-updated_at", "updated_at", true, Task::updatedAt),
    UPDATED_ASC("updated_at", "updated_at", false, Task::updatedAt),
    // Tasks without a due date come last in both directions.
    DUE_ASC("due_at", "COALESCE(due_at, 'infinity'::timestamptz)", false, Task::dueAt),
    DUE_DESC("-due_at", "COALESCE(due_at, '-infinity'::timestamptz)", true, Task::dueAt);

    final String param;
    final String expression;
    final boolean descending;
    private final Function<Task, Instant> key;

    TaskSort(String param, String expression, boolean descending, Function<Task, Instant> key) {
        this.param = param;
        this.expression = expression;
        this.descending = descending;
        this.key = key;
    }

    /** The sort value of a row as the cursor stores it (infinity stands in for a missing due date). */
    String keyOf(Task task) {
        Instant value = key.apply(task);
        return value != null ? value.toString() : descending ? "-infinity" : "infinity";
    }

    static TaskSort fromParam(String param) {
        return Arrays.stream(values()).filter(s -> s.param.equals(param)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sort '" + param + "'; use one of "
                        + Arrays.stream(values()).map(s -> s.param).toList()));
    }
}
