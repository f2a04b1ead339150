package io.taskstream.events.envelope;

/** Kafka headers a dead-lettered record carries, so an operator can tell what failed, where and why. */
public final class DeadLetterHeaders {

    public static final String ORIGINAL_TOPIC = "dlq.original.topic";
    public static final String ORIGINAL_PARTITION = "dlq.original.partition";
    public static final String ORIGINAL_OFFSET = "dlq.original.offset";
    public static final String EXCEPTION_CLASS = "dlq.exception.class";
    public static final String EXCEPTION_MESSAGE = "dlq.exception.message";
    public static final String CONSUMER_GROUP = "dlq.consumer.group";
    public static final String ATTEMPTS = "dlq.attempts";
    public static final String FIRST_FAILURE = "dlq.first.failure";
    public static final String LAST_FAILURE = "dlq.last.failure";
    /** On a record sent back to its topic by a re-drive: how many times it has been re-driven. */
    public static final String REDRIVE_COUNT = "dlq.redrive.count";
    /**
     * On a record sent back by a re-drive: the consumer group whose operator re-drove it. Only that group tries the
     * copy again where it holds a dead-letter mark; another group's mark (its own failure, or its own discard) stands.
     */
    public static final String REDRIVE_GROUP = "dlq.redrive.group";
    /** Every header this system adds on the way to the DLQ starts with this. */
    public static final String PREFIX = "dlq.";

    private DeadLetterHeaders() {
    }
}
