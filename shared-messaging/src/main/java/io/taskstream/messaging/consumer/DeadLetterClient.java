package io.taskstream.messaging.consumer;

import io.micronaut.configuration.kafka.annotation.KafkaClient;
import io.micronaut.configuration.kafka.annotation.KafkaKey;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** Producer for {@code <topic>.dlq}: the original key and bytes, plus diagnostic headers. */
@KafkaClient(id = "dead-letter", acks = KafkaClient.Acknowledge.ALL, properties = {
        @Property(name = ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, value = "true"),
        @Property(name = ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, value = "30000"),
        // Topics.DEAD_LETTER_MAX_MESSAGE_BYTES: a record at its source topic's limit plus the dlq.* headers
        @Property(name = ProducerConfig.MAX_REQUEST_SIZE_CONFIG, value = "1100000")
})
public interface DeadLetterClient {

    CompletableFuture<RecordMetadata> send(@Topic String topic, @KafkaKey String key, byte[] value,
                                           Collection<Header> headers);
}
