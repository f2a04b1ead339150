package io.taskstream.websocket.updates;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The per-partition histories of this replica, and which partition holds a user's updates. */
@Singleton
public class UpdateHistory {

    private final Map<Integer, PartitionHistory> partitions = new ConcurrentHashMap<>();
    private final int maxSize;
    private final Duration maxAge;
    private volatile int partitionCount;

    UpdateHistory(@Value("${taskstream.websocket.history.max-per-partition:10000}") int maxSize,
                  @Value("${taskstream.websocket.history.max-age:15m}") Duration maxAge) {
        this.maxSize = maxSize;
        this.maxAge = maxAge;
    }

    /**
     * The listener holds {@code partition} from {@code position} on. Returns where to read from:
     * a partition this replica already followed keeps its place, so a rebalance leaves no gap.
     */
    long assigned(int partition, long position, int count) {
        partitionCount = count;
        return partitions.computeIfAbsent(partition, p -> new PartitionHistory(p, position, maxSize, maxAge)).next();
    }

    public Optional<PartitionHistory> partition(int partition) {
        return Optional.ofNullable(partitions.get(partition));
    }

    /**
     * The partition of a user's updates: the producer's default partitioner (murmur2 of the UTF-8
     * key), as api-service keys {@code task-updates} by user id. Empty until the listener is assigned.
     */
    public Optional<Integer> partitionOf(String userId) {
        int count = partitionCount;
        if (count == 0) {
            return Optional.empty();
        }
        int p = Utils.toPositive(Utils.murmur2(userId.getBytes(StandardCharsets.UTF_8))) % count;
        return Optional.of(p).filter(partitions::containsKey);
    }

    /** Ready once every partition of the topic is followed. */
    public boolean ready() {
        return partitionCount > 0 && partitions.size() >= partitionCount;
    }

    /** Applies the age bound to partitions that have gone quiet. */
    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void evictOld() {
        Instant now = Instant.now();
        partitions.values().forEach(h -> h.evict(now));
    }
}
