package io.taskstream.events.codec;

/**
 * A record that cannot become a typed event. Never retried: the caller dead-letters it.
 * {@link #reason()} says which rule it broke, for the dead-letter headers and for metrics.
 */
public class EventDecodingException extends RuntimeException {

    public enum Reason { MALFORMED_JSON, INVALID_ENVELOPE, UNKNOWN_TYPE, UNSUPPORTED_VERSION, INVALID_PAYLOAD }

    private final Reason reason;

    public EventDecodingException(Reason reason, String message) {
        this(reason, message, null);
    }

    public EventDecodingException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
