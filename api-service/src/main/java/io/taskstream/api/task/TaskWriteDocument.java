package io.taskstream.api.task;

import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;
import io.taskstream.events.task.Recurrence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The body of POST /tasks and PATCH /tasks/{id}, for the OpenAPI document only: requests are read
 * field by field by {@link TaskInputParser} (so errors name their field and a patch can tell
 * null from absent). Keep the two in step; a test compares them.
 */
@Introspected
@Schema(name = "TaskWrite", description = "Fields of a task. POST needs title; PATCH changes only the fields sent "
        + "(JSON merge patch: null clears). Unknown fields are rejected.")
record TaskWriteDocument(
        @Schema(maxLength = 200, example = "Water the plants") String title,
        @Schema(maxLength = 10_000, nullable = true) String description,
        @Schema(allowableValues = {"low", "normal", "high", "urgent"}, defaultValue = "normal") String priority,
        @Schema(description = "at most 20 tags, each 1..50 characters") List<String> tags,
        @Schema(name = "due_at", format = "date-time", nullable = true, example = "2026-11-24T09:00:00Z") Instant dueAt,
        @Schema(name = "reminder_offset_minutes", minimum = "0", maximum = "40320", nullable = true) Integer reminderOffsetMinutes,
        @Schema(nullable = true, description = "RFC 5545 RRULE + IANA timezone + mode (from_schedule | from_completion); needs due_at")
        Recurrence recurrence,
        @Schema(name = "series_id", nullable = true, description = "POST only: links occurrences of one recurring task")
        UUID seriesId) {
}
