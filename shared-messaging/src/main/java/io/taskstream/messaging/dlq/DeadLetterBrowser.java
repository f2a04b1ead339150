package io.taskstream.messaging.dlq;

import io.micronaut.context.annotation.Value;
import io.taskstream.messaging.kafka.KafkaSecuritySettings;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads dead-letter topics without joining a consumer group (assign + seek), so browsing never
 * moves anybody's offsets. A scan stops at the end offsets seen when it started.
 */
@Singleton
class DeadLetterBrowser {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Map<String, Object> clientProperties = new HashMap<>();
    private final Duration timeout;

    DeadLetterBrowser(@Value("${kafka.bootstrap.servers}") String bootstrapServers, KafkaSecuritySettings security,
                      @Value("${taskstream.dlq.read-timeout:15s}") Duration timeout) {
        clientProperties.putAll(security.clientProperties());
        clientProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        clientProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        clientProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        clientProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "dlq-browser");
        this.timeout = timeout;
    }

    /**
     * Hands every record of {@code topic} to {@code visitor}, in partition then offset order, until it
     * answers false. Nothing is kept, so a count over a large DLQ needs no memory.
     */
    void visit(String topic, Predicate<ConsumerRecord<String, byte[]>> visitor) {
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).sorted(
                            java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            for (TopicPartition partition : partitions) {
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                Instant deadline = Instant.now().plus(timeout);
                while (consumer.position(partition, timeout) < ends.get(partition)) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("reading " + partition + " took longer than " + timeout);
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        if (record.offset() < ends.get(partition) && !visitor.test(record)) {
                            return;
                        }
                    }
                }
            }
        }
    }

    /** The record at exactly ({@code topic}, {@code partition}, {@code offset}), if it exists. */
    Optional<ConsumerRecord<String, byte[]>> read(String topic, int partition, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            TopicPartition tp = new TopicPartition(topic, partition);
            if (consumer.partitionsFor(topic, timeout).stream().noneMatch(p -> p.partition() == partition)
                    || offset >= consumer.endOffsets(List.of(tp), timeout).get(tp)
                    || offset < consumer.beginningOffsets(List.of(tp), timeout).get(tp)) {
                return Optional.empty();
            }
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty(); // a compacted or transaction-marker offset
                    }
                }
            }
            throw new IllegalStateException("reading " + tp + "@" + offset + " took longer than " + timeout);
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(clientProperties, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
