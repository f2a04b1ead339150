package io.taskstream.messaging.consumer;

/**
 * A handler's signal that a service it needs could not be reached (refused, timed out, 502/503/504, 429): the
 * event is not at fault. The consumer then waits for the service as it waits for an unreachable database, without
 * using up the event's attempts, so an outage longer than the retries does not dead-letter valid events. The
 * partition waits meanwhile, which readiness reports as a stall, for at most
 * {@code taskstream.consumer.dependency-wait-limit} (30 min); then the attempts count again, and the DLQ keeps it.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code failure} or one of its causes is this signal. */
    static boolean isIn(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (t instanceof DependencyUnavailableException) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }
}
