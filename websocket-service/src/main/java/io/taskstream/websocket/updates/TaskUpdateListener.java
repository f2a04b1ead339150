package io.taskstream.websocket.updates;

import io.micronaut.configuration.kafka.ConsumerAware;
import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.taskstream.events.codec.EventDecodingException;
import io.taskstream.messaging.consumer.DeadLetterPublisher;
import io.taskstream.messaging.tracing.MessagingTracer;
import io.taskstream.websocket.socket.Subscriptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Reads {@code task-updates} in a consumer group of its own ({@code websocket-service_<uuid>}), so
 * every replica sees every update. It starts at the end of the log and commits nothing: the
 * history and resume work from Kafka offsets, not from a group's committed position. Each record
 * is handled in a CONSUMER span {@code process task-updates}, child of the record's {@code traceparent},
 * which covers the dispatch to this replica's sockets (the end of a request's trace).
 */
@KafkaListener(groupId = TaskUpdateListener.GROUP, uniqueGroupId = true, offsetReset = OffsetReset.LATEST,
        offsetStrategy = OffsetStrategy.DISABLED,
        properties = @Property(name = ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, value = "false"),
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s",
                retryCount = Integer.MAX_VALUE))
public class TaskUpdateListener implements ConsumerRebalanceListener, ConsumerAware<String, byte[]> {

    static final String GROUP = "websocket-service";
    private static final Logger LOG = LoggerFactory.getLogger(TaskUpdateListener.class);

    private final UpdateDecoder decoder;
    private final UpdateHistory history;
    private final Subscriptions subscriptions;
    private final DeadLetterPublisher deadLetters;
    private final MessagingTracer tracer;
    private final String topic;
    private Consumer<String, byte[]> consumer;

    TaskUpdateListener(UpdateDecoder decoder, UpdateHistory history, Subscriptions subscriptions,
                       DeadLetterPublisher deadLetters, MessagingTracer tracer,
                       @Value("${taskstream.topics.task-updates}") String topic) {
        this.decoder = decoder;
        this.history = history;
        this.subscriptions = subscriptions;
        this.deadLetters = deadLetters;
        this.tracer = tracer;
        this.topic = topic;
    }

    @Topic("${taskstream.topics.task-updates}")
    void receive(ConsumerRecord<String, byte[]> record) {
        Span span = tracer.startProcess(GROUP, record);
        try (Scope ignored = span.makeCurrent()) {
            apply(record);
        } finally {
            span.end();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        PartitionHistory partition = history.partition(record.partition())
                .orElseThrow(() -> new IllegalStateException("record from unassigned partition " + record.partition()));
        if (record.offset() > partition.next() && deletedUnread(record, partition.next())) {
            LOG.warn("{}-{}: offsets {} to {} were deleted before this replica read them; its sockets on that "
                    + "partition get resync", record.topic(), record.partition(), partition.next(), record.offset() - 1);
            partition.restartAt(record.offset(), () -> subscriptions.resyncPartition(record.partition(), "listener-gap"));
        }
        BoardUpdate update;
        try {
            update = decoder.decode(record);
        } catch (RuntimeException e) { // EventDecodingException, or a decoder bug: in the DLQ either way, never a stuck partition
            Instant now = Instant.now();
            deadLetters.publish(record, GROUP, e, 1, now, now); // throws if the DLQ is down: retried, not skipped
            MessagingTracer.failed(e, "dead_lettered");
            partition.skip(record.offset());
            return;
        }
        partition.append(update, subscriptions::dispatch);
    }

    /**
     * A jump in offsets is a loss only if Kafka no longer has the records skipped: the listener fell
     * below the log start (stalled past retention) and "latest" moved it to the end. Offsets that never
     * held an update (transaction markers) leave the log start below {@code expected}.
     */
    private boolean deletedUnread(ConsumerRecord<String, byte[]> record, long expected) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        return consumer.beginningOffsets(List.of(tp)).get(tp) > expected;
    }

    @Override
    public void setKafkaConsumer(Consumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        int count = consumer.partitionsFor(topic).size();
        for (TopicPartition tp : partitions) {
            long position = consumer.position(tp);
            long next = history.assigned(tp.partition(), position, count);
            if (next != position) {
                consumer.seek(tp, next);
            }
            LOG.info("following {} from offset {}", tp, next);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        // The histories stay: on re-assignment the listener resumes where it stopped.
    }
}
