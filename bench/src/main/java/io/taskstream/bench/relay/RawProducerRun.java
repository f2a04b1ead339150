package io.taskstream.bench.relay;

import io.taskstream.bench.RelayProducer;
import io.taskstream.bench.load.Timeline;
import io.taskstream.bench.report.Point;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The raw limit for the relay: a plain KafkaProducer with the relay producer's settings ({@link RelayProducer}) sending the same
 * keys, values and headers as fast as it can, timed from the first send to the last acknowledgement.
 */
final class RawProducerRun {

    record Result(long acked, long errors, String firstError, double seconds, List<Point> timeline) {
        double throughput() {
            return acked / seconds;
        }
    }

    private RawProducerRun() {
    }

    /** Sends {@code warmUp} records untimed, then all of {@code records} timed. */
    static Result run(String bootstrap, String topic, List<RelayRecord> records, int warmUp) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(RelayProducer.settings(bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < warmUp; i++) {
                producer.send(record(topic, records.get(i % records.size())));
            }
            producer.flush();
            AtomicLong acked = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            long start = System.nanoTime();
            Timeline timeline = new Timeline(start, 250, 300);
            AtomicLong lastAck = new AtomicLong(start);
            for (RelayRecord r : records) {
                producer.send(record(topic, r), (metadata, failure) -> {
                    long now = System.nanoTime();
                    lastAck.accumulateAndGet(now, Math::max);
                    if (failure == null) {
                        acked.incrementAndGet();
                        timeline.count(now);
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, failure.toString());
                    }
                });
            }
            producer.flush();
            producer.close(java.time.Duration.ofSeconds(30));
            double seconds = (lastAck.get() - start) / 1e9;
            return new Result(acked.get(), errors.get(), firstError.get(), seconds, timeline.ratePerSecond(lastAck.get()));
        }
    }

    static ProducerRecord<String, byte[]> record(String topic, RelayRecord r) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, r.key(), r.payload().getBytes(StandardCharsets.UTF_8));
        record.headers().add(new RecordHeader("event_id", r.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("event_type", r.eventType().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("aggregate_version", Long.toString(r.aggregateVersion()).getBytes(StandardCharsets.UTF_8)));
        // The relay adds the W3C trace context of the writing transaction: same size here.
        record.headers().add(new RecordHeader("traceparent",
                ("00-" + r.eventId().toString().replace("-", "") + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
