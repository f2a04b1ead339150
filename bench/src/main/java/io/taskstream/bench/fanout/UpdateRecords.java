package io.taskstream.bench.fanout;

import io.taskstream.bench.TaskEventSamples;
import io.taskstream.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.taskstream.bench.fanout.FanoutScenario.USER;

/** {@code task-updates} records for the fan-out user, as api-service's relay writes them (envelope, key, headers). */
final class UpdateRecords {

    private UpdateRecords() {
    }

    static void produce(KafkaProducer<String, byte[]> producer, int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var c = TaskEventSamples.created(USER);
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.TASK_UPDATES, USER, c.boardJson());
            r.headers().add(new RecordHeader("event_id", c.board().eventId().toString().getBytes(StandardCharsets.UTF_8)));
            r.headers().add(new RecordHeader("event_type", c.board().eventType().getBytes(StandardCharsets.UTF_8)));
            r.headers().add(new RecordHeader("aggregate_version", "1".getBytes(StandardCharsets.UTF_8)));
            r.headers().add(new RecordHeader("traceparent", ("00-" + c.board().eventId().toString().replace("-", "")
                    + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));
            records.add(r);
        }
        for (ProducerRecord<String, byte[]> r : records) {
            producer.send(r);
        }
        producer.flush();
    }
}
