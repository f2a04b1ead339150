package io.taskstream.api.task;

import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;
import io.taskstream.events.task.Recurrence;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.web.problem.ProblemException;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.taskstream.api.task.JsonFields.integer;
import static io.taskstream.api.task.JsonFields.string;
import static io.taskstream.api.task.JsonFields.value;

/**
 * Reads a task body field by field so every error names its field. Wrong JSON types and unknown
 * fields are 400 (the request is malformed); well-formed values that break a rule are 422.
 */
@Singleton
class TaskInputParser {

    static final Set<String> FIELDS = Set.of("title", "description", "priority", "tags", "due_at",
            "reminder_offset_minutes", "recurrence", "series_id");
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    static final int MAX_REMINDER_MINUTES = 40_320;

    private final RecurrenceValidator recurrenceValidator;

    TaskInputParser(RecurrenceValidator recurrenceValidator) {
        this.recurrenceValidator = recurrenceValidator;
    }

    TaskInput parseCreate(JsonNode body) {
        return parse(body, true);
    }

    TaskInput parsePatch(JsonNode body) {
        return parse(body, false);
    }

    private TaskInput parse(JsonNode body, boolean create) {
        if (body == null || !body.isObject()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "the body must be a JSON object");
        }
        FieldErrors errors = new FieldErrors();
        Set<String> present = new LinkedHashSet<>();
        for (var entry : body.entries()) {
            if (FIELDS.contains(entry.getKey())) {
                present.add(entry.getKey());
            } else if (entry.getKey().equals("status")) {
                errors.invalid("status", "status is not set directly: POST /tasks/{id}/complete or /reopen");
            } else {
                errors.malformed(entry.getKey(), "unknown field; allowed: " + new TreeSet<>(FIELDS));
            }
        }
        if (!create && present.contains("series_id")) {
            errors.invalid("series_id", "series_id is set when a task is created and never changes");
        }
        String title = string(body, "title", errors);
        if (create && title == null) {
            errors.invalid("title", "title is required");
        } else if (present.contains("title")) {
            if (title == null || title.isBlank()) {
                errors.invalid("title", "must not be blank");
            } else if (title.strip().length() > MAX_TITLE) {
                errors.invalid("title", "must be at most " + MAX_TITLE + " characters");
            }
        }
        String description = string(body, "description", errors);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.invalid("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        TaskPriority priority = value(body, "priority", errors, TaskPriority::fromWireName);
        if (present.contains("priority") && priority == null && !errors.has("priority")) {
            errors.invalid("priority", "must not be null");
        }
        List<String> tags = tags(body, errors);
        Instant dueAt = value(body, "due_at", errors, StorableValues::instant);
        Integer reminder = integer(body, "reminder_offset_minutes", errors);
        if (reminder != null && (reminder < 0 || reminder > MAX_REMINDER_MINUTES)) {
            errors.invalid("reminder_offset_minutes", "must be between 0 and " + MAX_REMINDER_MINUTES);
        }
        Recurrence recurrence = recurrence(body, errors);
        UUID seriesId = value(body, "series_id", errors, UUID::fromString);
        errors.throwIfAny();
        return new TaskInput(present, title == null ? null : title.strip(), description, priority, tags, dueAt,
                reminder, recurrence, seriesId);
    }

    private Recurrence recurrence(JsonNode body, FieldErrors errors) {
        JsonNode node = body.get("recurrence");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.malformed("recurrence", "must be an object {rrule, timezone, mode}");
            return null;
        }
        for (var entry : node.entries()) {
            if (!Set.of("rrule", "timezone", "mode").contains(entry.getKey())) {
                errors.malformed("recurrence." + entry.getKey(), "unknown field; allowed: [mode, rrule, timezone]");
            }
        }
        String rrule = string(node, "rrule", errors, "recurrence.rrule");
        String zone = string(node, "timezone", errors, "recurrence.timezone");
        String mode = string(node, "mode", errors, "recurrence.mode");
        if (rrule == null) {
            errors.invalid("recurrence.rrule", "rrule is required, e.g. FREQ=WEEKLY;BYDAY=MO");
        } else {
            recurrenceValidator.ruleProblem(rrule).ifPresent(p -> errors.invalid("recurrence.rrule", p));
        }
        if (zone == null) {
            errors.invalid("recurrence.timezone", "timezone is required, an IANA name such as Europe/Berlin");
        } else {
            recurrenceValidator.zoneProblem(zone).ifPresent(p -> errors.invalid("recurrence.timezone", p));
        }
        if (mode != null && !mode.equals(Recurrence.FROM_SCHEDULE) && !mode.equals(Recurrence.FROM_COMPLETION)) {
            errors.invalid("recurrence.mode", "must be " + Recurrence.FROM_SCHEDULE + " or " + Recurrence.FROM_COMPLETION);
        }
        return new Recurrence(rrule, zone, mode == null ? Recurrence.FROM_SCHEDULE : mode);
    }

    private List<String> tags(JsonNode body, FieldErrors errors) {
        JsonNode node = body.get("tags");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            errors.malformed("tags", "must be an array of strings");
            return null;
        }
        if (node.size() > MAX_TAGS) {
            errors.invalid("tags", "at most " + MAX_TAGS + " tags");
        }
        Set<String> tags = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode tag : node.values()) {
            String field = "tags[" + i++ + "]";
            if (!tag.isString()) {
                errors.malformed(field, "must be a string");
            } else if (StorableValues.textProblem(tag.getStringValue()) != null) {
                errors.invalid(field, StorableValues.textProblem(tag.getStringValue()));
            } else if (tag.getStringValue().isBlank() || tag.getStringValue().strip().length() > MAX_TAG) {
                errors.invalid(field, "must be 1 to " + MAX_TAG + " characters");
            } else {
                tags.add(tag.getStringValue().strip());
            }
        }
        return new ArrayList<>(tags);
    }
}
