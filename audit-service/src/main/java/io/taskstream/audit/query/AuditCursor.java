package io.taskstream.audit.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque page position: the id of the last entry returned (entries are ordered by id, insertion order). */
final class AuditCursor {

    private static final String PREFIX = "audit:v1:";

    private AuditCursor() {
    }

    static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this API returned */
    static long decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(PREFIX)) {
                long id = Long.parseLong(raw.substring(PREFIX.length()));
                if (id >= 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException notBase64OrNotANumber) {
            // reported below
        }
        throw new IllegalArgumentException("not a cursor returned by this API");
    }
}
