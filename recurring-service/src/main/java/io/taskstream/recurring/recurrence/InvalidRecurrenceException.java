package io.taskstream.recurring.recurrence;

/** A recurrence rule that cannot be used; the message says why, in words meant for the rule's author. */
public class InvalidRecurrenceException extends RuntimeException {

    public InvalidRecurrenceException(String message) {
        super(message);
    }
}
