package io.taskstream.notification.delivery;

import java.util.Locale;

/**
 * The state of one channel of one notification: {@code pending} (waiting for its sender),
 * {@code sending} (claimed by a sender; {@code next_attempt_at} is the end of its lease),
 * {@code delivered}, {@code failed} (permanently, after its retries), {@code deferred} (held back,
 * by quiet hours or a digest window, until {@code next_attempt_at}), {@code skipped} (the user
 * switched the channel off for the notification's kind; never sent).
 */
public enum DeliveryStatus {
    PENDING, SENDING, DELIVERED, FAILED, DEFERRED, SKIPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
