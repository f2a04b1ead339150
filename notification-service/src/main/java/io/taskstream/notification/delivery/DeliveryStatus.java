package io.taskstream.notification.delivery;

import java.util.Locale;

/**
 * The state of one channel of one notification: {@code pending} (waiting for its sender),
 * {@code sending} (claimed by a sender; {@code next_attempt_at} is the end of its lease),
 * {@code delivered}, {@code failed} (permanently, after its retries), {@code deferred} (held back,
 * e.g. by quiet hours, until {@code next_attempt_at}).
 */
public enum DeliveryStatus {
    PENDING, SENDING, DELIVERED, FAILED, DEFERRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
