package io.taskstream.websocket.updates;

import io.micronaut.context.annotation.Value;
import io.taskstream.messaging.kafka.KafkaSecuritySettings;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads older updates straight from the partition when the in-memory history does not reach back:
 * a consumer without a group (assign + seek), so it never moves anybody's offsets.
 */
@Singleton
public class KafkaHistoryReader {

    private final Map<String, Object> config = new HashMap<>();
    private final UpdateDecoder decoder;
    private final String topic;
    private final Duration timeout;
    private final Semaphore permits;

    KafkaHistoryReader(UpdateDecoder decoder, KafkaSecuritySettings security,
                       @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                       @Value("${taskstream.topics.task-updates}") String topic,
                       @Value("${taskstream.websocket.refill-timeout:10s}") Duration timeout,
                       @Value("${taskstream.websocket.refill-concurrency:4}") int concurrency) {
        this.decoder = decoder;
        this.topic = topic;
        this.timeout = timeout;
        this.permits = new Semaphore(Math.max(1, concurrency), true);
        config.putAll(security.clientProperties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "websocket-refill");
        // Never jump: the default ("latest") would skip to the end when retention deletes what we read.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    }

    /**
     * {@code userId}'s updates in {@code (after, until)} of {@code partition}, in order; empty when
     * Kafka no longer has the record after {@code after} (deleted by retention).
     */
    public Optional<List<BoardUpdate>> read(int partition, long after, long until, String userId) throws TimeoutException {
        TopicPartition tp = new TopicPartition(topic, partition);
        return withPermit(() -> {
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                consumer.assign(List.of(tp));
                long logStart = consumer.beginningOffsets(List.of(tp), timeout).get(tp);
                if (after + 1 < logStart) {
                    return Optional.empty();
                }
                return readFrom(consumer, tp, after, until, userId);
            }
        });
    }

    /**
     * Runs a read holding one of {@code taskstream.websocket.refill-concurrency} permits, waiting at most the
     * refill timeout for one. Each read is a Kafka consumer of its own, and a replica that restarts (its memory
     * empty) sees every reconnecting browser refill at once: unbounded, that is thousands of consumers together.
     * A read that gets no permit in time fails, and its client gets {@code resync}.
     */
    <T> T withPermit(Callable<T> read) throws TimeoutException {
        try {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("no refill slot free within " + timeout + " (" + permits.getQueueLength()
                        + " waiting)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted while waiting for a refill slot");
        }
        try {
            return read.call();
        } catch (TimeoutException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            permits.release();
        }
    }

    /**
     * The read itself. Retention may delete records between the check above and a fetch (or while a
     * long read runs): Kafka then answers "out of range", and so does this, with no partial list.
     */
    Optional<List<BoardUpdate>> readFrom(KafkaConsumer<String, byte[]> consumer, TopicPartition tp, long after, long until,
                                         String userId) throws TimeoutException {
        consumer.seek(tp, after + 1);
        List<BoardUpdate> updates = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (consumer.position(tp, timeout) < until) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("reading " + tp + " up to " + until + " took over " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= until) {
                        break;
                    }
                    decode(record).filter(u -> u.userId().equals(userId)).ifPresent(updates::add);
                }
            }
        } catch (InvalidOffsetException e) {
            return Optional.empty();
        }
        return Optional.of(updates);
    }

    KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The offset after the last record of {@code partition} in Kafka. */
    public long endOffset(int partition) throws TimeoutException {
        TopicPartition tp = new TopicPartition(topic, partition);
        return withPermit(() -> {
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                return consumer.endOffsets(List.of(tp), timeout).get(tp);
            }
        });
    }

    private Optional<BoardUpdate> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(decoder.decode(record));
        } catch (RuntimeException e) { // as TaskUpdateListener: any decode failure was dead-lettered, it is no update
            return Optional.empty();
        }
    }
}
