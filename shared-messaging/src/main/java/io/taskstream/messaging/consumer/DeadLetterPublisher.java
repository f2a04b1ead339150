package io.taskstream.messaging.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends a record that cannot be processed to its dead-letter topic and waits for the broker's ack.
 * The record keeps its headers, {@code traceparent} included, so a re-drive continues the original
 * trace. Counts {@code taskstream.dlq.records{topic (the source topic), group}}.
 */
@Singleton
public class DeadLetterPublisher {

    static final String RECORDS = "taskstream.dlq.records";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final int MAX_MESSAGE = 2000;

    private final DeadLetterClient client;
    private final MeterRegistry meters;

    DeadLetterPublisher(DeadLetterClient client, MeterRegistry meters) {
        this.client = client;
        this.meters = meters;
    }

    /** @throws DeadLetterUnavailableException if the broker did not take it; the caller must not move on */
    public void publish(ConsumerRecord<String, byte[]> record, String group, Throwable failure, int attempts,
                        Instant firstFailure, Instant lastFailure) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(record.offset()));
        add(headers, DeadLetterHeaders.EXCEPTION_CLASS, failure.getClass().getName());
        String message = String.valueOf(failure.getMessage());
        add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
        add(headers, DeadLetterHeaders.CONSUMER_GROUP, group);
        add(headers, DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
        add(headers, DeadLetterHeaders.FIRST_FAILURE, firstFailure.toString());
        add(headers, DeadLetterHeaders.LAST_FAILURE, lastFailure.toString());
        String dlq = Topics.deadLetterOf(record.topic());
        try {
            client.send(dlq, record.key(), record.value(), headers).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterUnavailableException(dlq, e);
        } catch (Exception e) {
            throw new DeadLetterUnavailableException(dlq, e);
        }
        Counter.builder(RECORDS).description("records sent to a dead-letter topic, by source topic and consumer group")
                .tag("topic", record.topic()).tag("group", group).register(meters).increment();
        LOG.warn("dead-lettered {}-{}@{} to {} after {} attempt(s): {}", record.topic(), record.partition(),
                record.offset(), dlq, attempts, message);
    }

    private static void add(List<Header> headers, String name, String value) {
        headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The dead-letter topic did not take the record: it must be retried, never skipped. */
    public static class DeadLetterUnavailableException extends RuntimeException {
        DeadLetterUnavailableException(String topic, Throwable cause) {
            super("could not publish to " + topic + ": " + cause, cause);
        }
    }
}
