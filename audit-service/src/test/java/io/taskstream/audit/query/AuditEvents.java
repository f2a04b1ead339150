package io.taskstream.audit.query;

import io.taskstream.events.GoldenFixtures;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;

/** Fresh task events for tests: a golden fixture with a new event id and the given task, user and time. */
public final class AuditEvents {

    /** The task id the golden fixtures use (envelope aggregate_id and data.task.id). */
    private static final String FIXTURE_TASK_ID = "0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f";

    private AuditEvents() {
    }

    public static byte[] event(String type, String taskId, String userId, String occurredAt) {
        return event(type, taskId, userId, occurredAt, null);
    }

    /** @param title replaces the task title (JSON-escaped by the caller's choice of characters), or null */
    public static byte[] event(String type, String taskId, String userId, String occurredAt, String title) {
        String json = new String(GoldenFixtures.load(type, 1).json(), StandardCharsets.UTF_8);
        json = set(json, "event_id", UUID.randomUUID().toString());
        json = set(json, "occurred_at", occurredAt);
        json = set(json, "user_id", userId);
        json = set(json, "actor", userId);
        if (title != null) {
            json = set(json, "title", title);
        }
        return json.replace(FIXTURE_TASK_ID, taskId).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces every string value of {@code field} (the envelope's and the task's). */
    private static String set(String json, String field, String value) {
        return json.replaceAll("\"" + field + "\"\\s*:\\s*\"[^\"]*\"",
                Matcher.quoteReplacement("\"" + field + "\": \"" + value + "\""));
    }
}
