package io.taskstream.web.token;

import java.time.Instant;
import java.util.Date;

/** The {@code exp} claim of a validated JWT as the security library hands it over. */
public final class JwtExpiry {

    private JwtExpiry() {
    }

    /** A {@link Date}, an {@link Instant} or seconds since the epoch; null for anything else (no expiry). */
    public static Instant of(Object exp) {
        if (exp instanceof Date date) {
            return date.toInstant();
        }
        if (exp instanceof Instant instant) {
            return instant;
        }
        if (exp instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        return null;
    }
}
