package io.taskstream.bench.e2e;

import io.taskstream.bench.RelayProducer;
import io.taskstream.bench.load.Latencies;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * The raw limit for end-to-end latency: one Kafka hop on the same broker at the same rate — a
 * producer with the relay's settings ({@link RelayProducer}) to a consumer polling
 * the topic, latency from the intended send time to the record in the consumer's hands.
 */
final class RawRoundTrip {

    private RawRoundTrip() {
    }

    static Latencies run(String bootstrap, String topic, int partitions, double rate, Duration duration, byte[] value)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, Object> consumerSettings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerSettings, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(RelayProducer.settings(bootstrap),
                     new StringSerializer(), new ByteArraySerializer())) {
            List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
            consumer.assign(all);
            consumer.seekToEnd(all);
            all.forEach(consumer::position);
            Thread sender = new Thread(() -> send(producer, topic, rate, duration, value, running), "raw-roundtrip-send");
            sender.start();
            long stopAt = System.nanoTime() + duration.toNanos() + Duration.ofSeconds(10).toNanos();
            boolean draining = false;
            while (System.nanoTime() < stopAt) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    latencies.recordNanos(now - ByteBuffer.wrap(r.headers().lastHeader("intended").value()).getLong());
                }
                if (!draining && !sender.isAlive()) {
                    draining = true; // everything is sent: one more second for the last records
                    stopAt = Math.min(stopAt, System.nanoTime() + Duration.ofSeconds(1).toNanos());
                }
            }
            running.set(false);
            sender.join();
        }
        return latencies;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, double rate, Duration duration,
                             byte[] value, AtomicBoolean running) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (long i = 0; running.get(); i++) {
            long intended = start + (long) (i * 1e9 / rate);
            if (intended >= end) {
                break;
            }
            LockSupport.parkNanos(intended - System.nanoTime());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "bench-e2e-0", value);
            record.headers().add("intended", ByteBuffer.allocate(8).putLong(intended).array());
            producer.send(record);
        }
        producer.flush();
        running.set(false);
    }
}
