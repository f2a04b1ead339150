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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Readiness of this service's Kafka consumers (liveness stays simple). DOWN when a listener holds
 * no partitions for longer than {@code unassigned-grace}, when its poll thread has died, or when a partition
 * this replica holds has lag while its committed offset has not moved for {@code stall-after} — a consumer
 * that is alive but not making progress. A partition it holds that the group never committed counts from its
 * first offset, unless {@code lag-before-first-commit} is false (a listener that commits nothing). A stall on another replica's partition is shown, but leaves this
 * replica ready: otherwise one stuck partition took every replica's HTTP API out of its Service at once.
 * <p>Lag and stalls come from the broker (committed and end offsets): {@link #sample()} asks every
 * {@code sample-every} in the background and a health request reads the latest answer, so a probe
 * never waits on the broker (asking on the request made every probe two admin round trips, and a slow
 * broker could hold it past the probe's timeout). A stall needs {@code stall-after} of history anyway.
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
    private final boolean lagBeforeFirstCommit;
    private final Admin admin;
    private final ConsumerProgress progress = new ConsumerProgress();
    private final Map<String, Instant> unassignedSince = new HashMap<>();
    private volatile LagSample lastSample = LagSample.NONE;

    /** What the broker said at {@code at}: lag per partition and the partitions stalled; or why it could not say. */
    private record LagSample(Instant at, Map<String, Long> lag, Map<TopicPartition, String> stalled, String error) {
        static final LagSample NONE = new LagSample(null, Map.of(), Map.of(), null);
    }

    ConsumerHealthIndicator(ConsumerRegistry registry, ListenerThreads threads, MeterRegistry meters,
                            ConsumerGroup group, KafkaSecuritySettings security,
                            @Value("${kafka.bootstrap.servers}") String bootstrapServers,
                            @Value("${taskstream.consumer.health.unassigned-grace:60s}") Duration unassignedGrace,
                            @Value("${taskstream.consumer.health.stall-after:2m}") Duration stallAfter,
                            @Value("${taskstream.consumer.health.lag-before-first-commit:true}") boolean lagBeforeFirstCommit) {
        this.registry = registry;
        this.threads = threads;
        this.meters = meters;
        this.group = group.name();
        this.unassignedGrace = unassignedGrace;
        this.stallAfter = stallAfter;
        this.lagBeforeFirstCommit = lagBeforeFirstCommit;
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
        LagSample sample = lastSample;
        Set<TopicPartition> mine = assignedHere();
        List<String> stalledHere = sample.stalled().entrySet().stream()
                .filter(e -> mine.contains(e.getKey())).map(Map.Entry::getValue).toList();
        details.put("stalled", List.copyOf(sample.stalled().values()));
        details.put("stalledHere", stalledHere);
        details.put("lag", sample.error() != null ? "unknown: " + sample.error()
                : sample.at() == null ? "not sampled yet" : sample.lag());
        if (sample.at() != null) {
            details.put("lagSampledAt", sample.at().toString());
        }
        up &= stalledHere.isEmpty();
        healthStatus = up ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    /** The partitions this replica's listeners hold now. */
    private Set<TopicPartition> assignedHere() {
        Set<TopicPartition> mine = new HashSet<>();
        for (String id : registry.getConsumerIds()) {
            try {
                mine.addAll(registry.getConsumerAssignment(id));
            } catch (IllegalArgumentException e) {
                // no partitions yet
            }
        }
        return mine;
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

    private LagSample sampleLag(Instant now) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, Long> committedOffsets = committed.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset(), (a, b) -> a, HashMap::new));
        if (lagBeforeFirstCommit) {
            // A partition held here but never committed (a new group or partition) counts from its first
            // offset: otherwise a first record that never gets through would leave readiness UP for ever.
            Set<TopicPartition> uncommitted = new HashSet<>(assignedHere());
            uncommitted.removeAll(committedOffsets.keySet());
            committedOffsets.putAll(offsets(uncommitted, OffsetSpec.earliest()));
        }
        Map<TopicPartition, Long> ends = offsets(committedOffsets.keySet(), OffsetSpec.latest());
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
        return new LagSample(now, lag, progress.stalled(committedOffsets, ends, stallAfter, now), null);
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return new HashMap<>();
        }
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec)))
                .all().get(5, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset(), (a, b) -> a, HashMap::new));
    }

    /** Asks the broker for lag and stalls; the lag gauges and {@code /health} show the answer. */
    @Scheduled(fixedDelay = "${taskstream.consumer.health.sample-every:15s}",
            initialDelay = "${taskstream.consumer.health.sample-every:15s}")
    void sample() {
        Instant now = Instant.now();
        try {
            lastSample = sampleLag(now);
        } catch (Exception e) {
            LagSample previous = lastSample; // a broker that cannot answer says nothing new about stalls
            lastSample = new LagSample(now, previous.lag(), previous.stalled(), e.toString());
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
