package io.taskstream.messaging.consumer;

import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumer's side effect for one event; it runs inside the transaction that marks the event processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(EventEnvelope<EventPayload> event, ConsumerRecord<String, byte[]> record) throws Exception;
}
