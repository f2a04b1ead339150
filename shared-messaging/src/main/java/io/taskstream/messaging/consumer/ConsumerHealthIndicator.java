package io.taskstream.messaging.consumer;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Readiness of this service's Kafka consumers (liveness stays simple). DOWN when a listener holds
 * no partitions for longer than {@code unassigned-grace}, when its state cannot be read (its
 * thread is gone), or when a partition of the consumer group has lag while its committed offset
 * has not moved for {@code stall-after} — a consumer that is alive but not making progress.
 */
@Singleton
@Readiness
@Requires(beans = ConsumerRegistry.class)
@Requires(property = "taskstream.consumer.health.enabled", notEquals = "false")
public class ConsumerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ConsumerRegistry registry;
    private final String group;
    private final Duration unassignedGrace;
    private final Duration stallAfter;
    private final Admin admin;
    private final ConsumerProgress progress = new ConsumerProgress();
    private final Map<String, Instant> unassignedSince = new HashMap<>();

    ConsumerHealthIndicator(ConsumerRegistry registry,
                            @Value("${micronaut.application.name}") String applicationName,
                            @Value("${taskstream.consumer.group:}") String group,
                            @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${taskstream.consumer.health.unassigned-grace:60s}") Duration unassignedGrace,
                            @Value("${taskstream.consumer.health.stall-after:2m}") Duration stallAfter) {
        this.registry = registry;
        this.group = group.isBlank() ? applicationName : group; // the app name is the default consumer group
        this.unassignedGrace = unassignedGrace;
        this.stallAfter = stallAfter;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000));
    }

    @Override
    protected String getName() {
        return "kafkaConsumers";
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        Instant now = Instant.now();
        for (String id : registry.getConsumerIds()) {
            String problem = assignmentProblem(id, now);
            details.put(id, problem == null ? "assigned" : problem);
            up &= problem == null;
        }
        try {
            List<String> stalled = stalledPartitions(now, details);
            details.put("stalled", stalled);
            up &= stalled.isEmpty();
        } catch (Exception e) {
            details.put("lag", "unknown: " + e);
        }
        healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    private synchronized String assignmentProblem(String id, Instant now) {
        try {
            if (!registry.getConsumerAssignment(id).isEmpty()) {
                unassignedSince.remove(id);
                return null;
            }
        } catch (RuntimeException e) {
            return "consumer unavailable: " + e;
        }
        Instant since = unassignedSince.computeIfAbsent(id, k -> now);
        return Duration.between(since, now).compareTo(unassignedGrace) >= 0
                ? "no partitions assigned since " + since : null;
    }

    private List<String> stalledPartitions(Instant now, Map<String, Object> details) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, Long> committedOffsets = committed.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, Long> ends = admin.listOffsets(committedOffsets.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(5, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<String, Long> lag = new java.util.TreeMap<>();
        ends.forEach((tp, end) -> lag.put(tp.toString(), end - committedOffsets.getOrDefault(tp, 0L)));
        details.put("lag", lag);
        return progress.stalled(committedOffsets, ends, stallAfter, now);
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
