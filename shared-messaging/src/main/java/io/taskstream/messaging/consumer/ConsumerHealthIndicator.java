package io.taskstream.messaging.consumer;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.taskstream.messaging.kafka.ConsumerGroup;
import io.taskstream.messaging.kafka.KafkaSecuritySettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Readiness of this service's Kafka consumers (liveness stays simple). DOWN when a listener holds
 * no partitions for longer than {@code unassigned-grace}, when its poll thread has died, or when a partition of the consumer group has lag while its committed offset
 * has not moved for {@code stall-after} — a consumer that is alive but not making progress.
 */
@Singleton
@Readiness
@Requires(beans = ConsumerRegistry.class)
@Requires(property = "taskstream.consumer.health.enabled", notEquals = "false")
public class ConsumerHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final ConsumerRegistry registry;
    private final ListenerThreads threads;
    private final MeterRegistry meters;
    private final Map<TopicPartition, Long> lagByPartition = new ConcurrentHashMap<>();
    private final String group;
    private final Duration unassignedGrace;
    private final Duration stallAfter;
    private final Admin admin;
    private final ConsumerProgress progress = new ConsumerProgress();
    private final Map<String, Instant> unassignedSince = new HashMap<>();

    ConsumerHealthIndicator(ConsumerRegistry registry, ListenerThreads threads, MeterRegistry meters,
                            ConsumerGroup group, KafkaSecuritySettings security,
                            @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${taskstream.consumer.health.unassigned-grace:60s}") Duration unassignedGrace,
                            @Value("${taskstream.consumer.health.stall-after:2m}") Duration stallAfter) {
        this.registry = registry;
        this.threads = threads;
        this.meters = meters;
        this.group = group.name();
        this.unassignedGrace = unassignedGrace;
        this.stallAfter = stallAfter;
        Map<String, Object> config = new HashMap<>(security.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        this.admin = Admin.create(config);
    }

    @Override
    protected String getName() {
        return "kafkaConsumers";
    }

    @Override
    protected synchronized Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        Instant now = Instant.now();
        List<String> dead = threads.dead();
        for (String id : registry.getConsumerIds()) {
            String problem = dead.contains(id) ? "listener thread died; this consumer no longer polls"
                    : assignmentProblem(id, now);
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
        } catch (IllegalArgumentException e) {
            // micronaut-kafka's way of saying "no partitions yet" (e.g. while a rebalance waits out a dead member)
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
        ends.forEach((tp, end) -> {
            long partitionLag = end - committedOffsets.getOrDefault(tp, 0L);
            lag.put(tp.toString(), partitionLag);
            if (lagByPartition.put(tp, partitionLag) == null) {
                Gauge.builder("taskstream.consumer.lag", lagByPartition, m -> m.getOrDefault(tp, 0L))
                        .description("records in the partition not yet committed by this consumer group")
                        .tag("group", group).tag("topic", tp.topic()).tag("partition", Integer.toString(tp.partition()))
                        .register(meters);
            }
        });
        details.put("lag", lag);
        return progress.stalled(committedOffsets, ends, stallAfter, now);
    }

    /** Keeps the lag gauges and the stall detection current between health checks. */
    @Scheduled(fixedDelay = "${taskstream.consumer.health.sample-every:15s}", initialDelay = "10s")
    void sample() {
        getHealthInformation();
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
