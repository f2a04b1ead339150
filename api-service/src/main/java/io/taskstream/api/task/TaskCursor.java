package io.taskstream.api.task;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/** An opaque position in a sorted task list: the sort it belongs to, the last row's key and id. */
record TaskCursor(TaskSort sort, String key, UUID id) {

    String encode() {
        String raw = "v1|" + sort.param + "|" + key + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static TaskCursor decode(String cursor, TaskSort expectedSort) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
        if (parts.length != 4 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
        if (!parts[1].equals(expectedSort.param)) {
            throw new IllegalArgumentException("this cursor belongs to sort=" + parts[1] + ", not sort=" + expectedSort.param);
        }
        try {
            // The key is bound as a timestamptz: anything but what keyOf writes would be a database error.
            if (!parts[2].equals("infinity") && !parts[2].equals("-infinity")) {
                StorableValues.instant(parts[2]);
            }
            return new TaskCursor(expectedSort, parts[2], UUID.fromString(parts[3]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a cursor returned by this API");
        }
    }
}
