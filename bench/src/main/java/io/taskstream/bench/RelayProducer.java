package io.taskstream.bench;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/**
 * The outbox relay producer's settings (shared-messaging's {@code OutboxPublisher}), for every
 * producer of the bench: raw limits must send the way the relay sends, and the topics the bench
 * fills for a service must look like the relay filled them.
 */
public final class RelayProducer {

    /** For method texts. */
    public static final String DESCRIPTION = "acks=all, idempotent, 5 in flight, lz4, linger 0 ms";

    private RelayProducer() {
    }

    public static Map<String, Object> settings(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.LINGER_MS_CONFIG, "0",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    }
}
