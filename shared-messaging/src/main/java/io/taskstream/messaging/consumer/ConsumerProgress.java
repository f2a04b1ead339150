package io.taskstream.messaging.consumer;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers, per partition, the last committed offset seen and since when, to tell a consumer that
 * is merely idle (no lag) from one that is stuck (lag, and its committed offset has not moved). A partition
 * the group has never committed is measured from its first offset.
 */
final class ConsumerProgress {

    private record Seen(long committed, Instant since) {
    }

    private final Map<TopicPartition, Seen> seen = new HashMap<>();

    /** @return partitions with lag whose committed offset has not moved for at least {@code stallAfter}, each described */
    synchronized Map<TopicPartition, String> stalled(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
                                                     Duration stallAfter, Instant now) {
        Map<TopicPartition, String> stalled = new TreeMap<>(Comparator.comparing(TopicPartition::toString));
        for (var entry : ends.entrySet()) {
            TopicPartition partition = entry.getKey();
            long offset = committed.getOrDefault(partition, 0L);
            long lag = entry.getValue() - offset;
            Seen previous = seen.get(partition);
            if (previous == null || previous.committed() != offset || lag <= 0) {
                seen.put(partition, new Seen(offset, now));
            } else if (Duration.between(previous.since(), now).compareTo(stallAfter) >= 0) {
                stalled.put(partition, partition + " lag " + lag + ", committed offset " + offset + " unchanged since " + previous.since());
            }
        }
        return stalled;
    }
}
