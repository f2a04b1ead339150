package io.taskstream.notification.delivery;

/**
 * What one send attempt achieved. {@code retryable} failures are tried again with back-off until
 * the attempts run out; the others fail the delivery at once.
 */
public record SendResult(Outcome outcome, String error) {

    public enum Outcome { DELIVERED, RETRYABLE, PERMANENT }

    private static final int MAX_ERROR = 1000;

    public static SendResult delivered() {
        return new SendResult(Outcome.DELIVERED, null);
    }

    public static SendResult retryable(String error) {
        return new SendResult(Outcome.RETRYABLE, clip(error));
    }

    public static SendResult permanent(String error) {
        return new SendResult(Outcome.PERMANENT, clip(error));
    }

    private static String clip(String error) {
        String text = error == null || error.isBlank() ? "unknown error" : error.strip();
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR - 1) + "…";
    }
}
