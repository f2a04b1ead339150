package io.taskstream.messaging.consumer;

/** Thrown by a handler for an event that can never succeed (invalid for this consumer): dead-lettered at once. */
public class NonRetryableException extends RuntimeException {

    public NonRetryableException(String message) {
        super(message);
    }

    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
