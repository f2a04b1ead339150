package io.taskstream.bench;

import io.taskstream.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the pipeline is idle, so one phase's backlog does not run during the next: api-service's
 * outbox has no unsent row and the durable consumer groups have no lag. Bounded; says when it gave up.
 */
public final class Quiesce {

    private static final Map<String, List<String>> GROUPS = Map.of(
            "audit-service", List.of(Topics.TASK_EVENTS),
            "recurring-service", List.of(Topics.TASK_EVENTS),
            "notification-service", List.of(Topics.NOTIFICATION_REQUEST, Topics.REMINDERS));

    private Quiesce() {
    }

    /** @return a sentence for the report: how long it took, or what was still pending at the timeout */
    public static String await(BenchStack stack, String scenario, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        String pending = "";
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()));
             Connection api = stack.connect("api-service")) {
            while (System.nanoTime() < deadline) {
                long unsent = unsent(api);
                Map<String, Long> lag = lag(admin);
                long totalLag = lag.values().stream().mapToLong(Long::longValue).sum();
                if (unsent == 0 && totalLag == 0) {
                    double s = Progress.secondsSince(start);
                    if (s > 1) {
                        Progress.say(scenario, "pipeline idle after %.1f s", s);
                    }
                    return String.format(java.util.Locale.ROOT, "pipeline idle (outbox empty, no consumer lag) after %.1f s", s);
                }
                pending = "outbox unsent " + unsent + ", consumer lag " + lag;
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
        Progress.say(scenario, "pipeline still busy after %d s: %s", timeout.toSeconds(), pending);
        return "pipeline NOT idle after " + timeout.toSeconds() + " s (" + pending + "); measured anyway";
    }

    private static long unsent(Connection api) throws Exception {
        try (Statement s = api.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM messaging.outbox_message WHERE sent_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> lag(Admin admin) throws Exception {
        Map<String, Long> lag = new HashMap<>();
        for (var group : GROUPS.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String topic : group.getValue()) {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                        .get(topic).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            long sum = 0;
            for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                sum += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            lag.put(group.getKey(), sum);
        }
        return lag;
    }
}
