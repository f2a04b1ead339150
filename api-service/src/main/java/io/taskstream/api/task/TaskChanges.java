package io.taskstream.api.task;

import io.micronaut.json.JsonMapper;
import io.taskstream.events.task.FieldChange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The field-level difference between two versions of a task, as JSON text for the event. */
final class TaskChanges {

    private TaskChanges() {
    }

    static List<FieldChange> between(Task before, Task after, JsonMapper json) {
        List<FieldChange> changes = new ArrayList<>();
        var b = before.toSnapshot();
        var a = after.toSnapshot();
        add(changes, json, "title", b.title(), a.title());
        add(changes, json, "description", b.description(), a.description());
        add(changes, json, "priority", b.priority(), a.priority());
        add(changes, json, "tags", b.tags(), a.tags());
        add(changes, json, "due_at", b.dueAt(), a.dueAt());
        add(changes, json, "reminder_offset_minutes", b.reminderOffsetMinutes(), a.reminderOffsetMinutes());
        add(changes, json, "recurrence", b.recurrence(), a.recurrence());
        add(changes, json, "series_id", b.seriesId(), a.seriesId());
        add(changes, json, "status", b.status(), a.status());
        add(changes, json, "completed_at", b.completedAt(), a.completedAt());
        return changes;
    }

    private static void add(List<FieldChange> changes, JsonMapper json, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(new FieldChange(field, text(json, from), text(json, to)));
        }
    }

    private static String text(JsonMapper json, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
