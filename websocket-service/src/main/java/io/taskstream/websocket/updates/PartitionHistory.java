package io.taskstream.websocket.updates;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The recent updates of one partition, bounded by count and age. It holds every decodable record
 * from {@link Snapshot#completeFrom()} up to (excluding) {@link Snapshot#next()}; older ones must be
 * read from Kafka. Appending and registering a socket share one lock, so a socket sees each update
 * either in its snapshot or live, never in neither.
 */
public final class PartitionHistory {

    /** What a resuming socket starts from: the user's updates after its position, plus the bounds. */
    public record Snapshot(long completeFrom, long next, List<BoardUpdate> updates) {
    }

    private final int partition;
    private final int maxSize;
    private final Duration maxAge;
    private final ArrayDeque<BoardUpdate> entries = new ArrayDeque<>();
    private long completeFrom;
    private long next;

    PartitionHistory(int partition, long startOffset, int maxSize, Duration maxAge) {
        this.partition = partition;
        this.completeFrom = startOffset;
        this.next = startOffset;
        this.maxSize = maxSize;
        this.maxAge = maxAge;
    }

    public int partition() {
        return partition;
    }

    /** Records {@code update} and hands it to {@code dispatch} while still holding the lock. */
    public synchronized void append(BoardUpdate update, Consumer<BoardUpdate> dispatch) {
        if (update.offset() < next) {
            return; // already seen (a redelivery after a retry)
        }
        entries.addLast(update);
        next = update.offset() + 1;
        evict(update.receivedAt());
        dispatch.accept(update);
    }

    /** A record that is not an update (dead-lettered): the history stays complete past it. */
    public synchronized void skip(long offset) {
        if (offset >= next) {
            next = offset + 1;
            if (entries.isEmpty()) {
                completeFrom = next;
            }
        }
    }

    /**
     * The listener lost the records before {@code offset}: Kafka deleted them before they were read and
     * moved the listener on. What was kept no longer joins up with what comes next, so the history
     * starts again at {@code offset}; {@code lost} runs under the lock, so no socket registers in between
     * and misses both it and the new bounds.
     */
    public synchronized void restartAt(long offset, Runnable lost) {
        entries.clear();
        completeFrom = offset;
        next = offset;
        lost.run();
    }

    /** The offset the listener reads next; used to resume at the same place after a rebalance. */
    public synchronized long next() {
        return next;
    }

    /** Runs {@code register} under the lock and returns what the socket has to catch up on. */
    public synchronized Snapshot register(String userId, long after, Runnable register) {
        register.run();
        List<BoardUpdate> mine = entries.stream()
                .filter(u -> u.offset() > after && u.userId().equals(userId)).toList();
        return new Snapshot(completeFrom, next, mine);
    }

    /** Drops entries beyond the size bound or older than the age bound. */
    public synchronized void evict(Instant now) {
        Instant oldest = now.minus(maxAge);
        while (!entries.isEmpty() && (entries.size() > maxSize || entries.peekFirst().receivedAt().isBefore(oldest))) {
            completeFrom = entries.removeFirst().offset() + 1;
        }
        if (entries.isEmpty()) {
            completeFrom = next;
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
