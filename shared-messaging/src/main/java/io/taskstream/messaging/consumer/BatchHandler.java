package io.taskstream.messaging.consumer;

import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;

import java.util.List;

/**
 * A consumer's side effect for a batch of events, in record order, none of them seen before by
 * this group. It runs inside the transaction that marks them processed.
 */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<EventEnvelope<EventPayload>> events) throws Exception;
}
