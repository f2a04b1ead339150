package io.taskstream.bench.audit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Moves a stopped consumer group's committed offsets to the end of a topic, so it skips what was produced meanwhile. */
final class SkipBacklog {

    private SkipBacklog() {
    }

    /** @return a sentence for the report */
    static String toEnd(String bootstrap, String group, String topic) {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
            return group + "'s offsets on " + topic + " were moved past the bench's events before it restarted "
                    + "(they carry no recurrence; this saves its catch-up in later phases)";
        } catch (Exception e) {
            return "could not move " + group + "'s offsets past the bench's events (" + e + "); it catches up later";
        }
    }
}
