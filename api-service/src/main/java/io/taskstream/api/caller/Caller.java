package io.taskstream.api.caller;

/**
 * Who a task request is for and who is making it.
 *
 * @param ownerId whose tasks the request reads and changes: the token's subject, or the user named in
 *                {@code X-On-Behalf-Of} when a trusted service sends it. Ownership, visibility,
 *                Idempotency-Key scope and list filters all use this.
 * @param actor   who made the change: always the token's subject; it becomes the events' {@code actor}.
 */
public record Caller(String ownerId, String actor) {

    /** A user acting for themselves. */
    public static Caller self(String subject) {
        return new Caller(subject, subject);
    }
}
