package io.taskstream.messaging.consumer;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, per partition, the last committed offset seen and since when, to tell a consumer that
 * is merely idle (no lag) from one that is stuck (lag, and its committed offset has not moved).
 */
final class ConsumerProgress {

    private record Seen(long committed, Instant since) {
    }

    private final Map<TopicPartition, Seen> seen = new HashMap<>();

    /** @return partitions with lag whose committed offset has not moved for at least {@code stallAfter} */
    synchronized List<String> stalled(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
                                      Duration stallAfter, Instant now) {
        List<String> stalled = new ArrayList<>();
        for (var entry : ends.entrySet()) {
            TopicPartition partition = entry.getKey();
            long offset = committed.getOrDefault(partition, 0L);
            long lag = entry.getValue() - offset;
            Seen previous = seen.get(partition);
            if (previous == null || previous.committed() != offset || lag <= 0) {
                seen.put(partition, new Seen(offset, now));
            } else if (Duration.between(previous.since(), now).compareTo(stallAfter) >= 0) {
                stalled.add(partition + " lag " + lag + ", committed offset " + offset + " unchanged since " + previous.since());
            }
        }
        return stalled;
    }
}
