package io.taskstream.events.envelope;

/** Kafka header names that repeat envelope fields, so tools can route without parsing the value. */
public final class EventHeaders {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String PRODUCER = "producer";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String AGGREGATE_VERSION = "aggregate_version";

    private EventHeaders() {
    }
}
