package io.taskstream.localstack.junit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plain Kafka clients for tests: read what a service produced, or feed a service raw records. */
public final class KafkaTestClient {

    private final String bootstrapServers;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Reads a topic from the beginning until {@code expected} records arrived or {@code timeout}
     * passed, then keeps polling briefly so extra (duplicate) records would be seen too.
     */
    public List<ConsumerRecord<String, byte[]>> readFromStart(String topic, int expected, Duration timeout) {
        return readFromStart(topic, record -> true, expected, timeout);
    }

    /** Like {@link #readFromStart(String, int, Duration)}, counting and returning only records that match. */
    public List<ConsumerRecord<String, byte[]>> readFromStart(String topic,
                                                              java.util.function.Predicate<ConsumerRecord<String, byte[]>> wanted,
                                                              int expected, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> addIf(wanted, r, records));
            }
            consumer.poll(Duration.ofMillis(500)).forEach(r -> addIf(wanted, r, records));
        }
        return records;
    }

    private static void addIf(java.util.function.Predicate<ConsumerRecord<String, byte[]>> wanted,
                              ConsumerRecord<String, byte[]> record, List<ConsumerRecord<String, byte[]>> records) {
        if (wanted.test(record)) {
            records.add(record);
        }
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
