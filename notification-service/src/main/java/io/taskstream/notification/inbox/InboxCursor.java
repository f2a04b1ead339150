package io.taskstream.notification.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque page position of {@code GET /notifications}: the (created_at, id) of the last
 * notification returned; the next page starts strictly below it (newest first).
 */
record InboxCursor(Instant createdAt, UUID id) {

    private static final String PREFIX = "inbox:v1:";

    String encode() {
        String raw = PREFIX + createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this API returned */
    static InboxCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(PREFIX)) {
                String[] parts = raw.substring(PREFIX.length()).split(":", 3);
                if (parts.length == 3) {
                    long seconds = Long.parseLong(parts[0]);
                    int nanos = Integer.parseInt(parts[1]);
                    if (nanos >= 0 && nanos < 1_000_000_000) {
                        return new InboxCursor(Instant.ofEpochSecond(seconds, nanos), UUID.fromString(parts[2]));
                    }
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException notACursor) {
            // reported below
        }
        throw new IllegalArgumentException("not a cursor returned by this API");
    }
}
