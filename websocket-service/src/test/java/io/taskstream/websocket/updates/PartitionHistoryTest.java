package io.taskstream.websocket.updates;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionHistoryTest {

    private final Instant now = Instant.parse("2025-01-01T12:00:00Z");

    @Test
    void keepsTheNewestEntriesAndKnowsFromWhereItIsComplete() {
        PartitionHistory history = new PartitionHistory(0, 100, 3, Duration.ofMinutes(15));
        List<BoardUpdate> dispatched = new ArrayList<>();
        for (long offset = 100; offset < 105; offset++) {
            history.append(update(offset, offset % 2 == 0 ? "ann" : "ben", now), dispatched::add);
        }
        history.skip(105); // a dead-lettered record

        PartitionHistory.Snapshot snapshot = history.register("ann", 101, () -> { });
        assertThat(snapshot.completeFrom()).isEqualTo(102);
        assertThat(snapshot.next()).isEqualTo(106);
        assertThat(snapshot.updates()).extracting(BoardUpdate::offset).containsExactly(102L, 104L);
        assertThat(dispatched).hasSize(5);
    }

    @Test
    void anAgedOutHistoryIsCompleteOnlyFromTheNextOffset() {
        PartitionHistory history = new PartitionHistory(1, 0, 100, Duration.ofMinutes(1));
        history.append(update(0, "ann", now), u -> { });
        history.evict(now.plus(Duration.ofMinutes(2)));
        assertThat(history.register("ann", -1, () -> { })).isEqualTo(new PartitionHistory.Snapshot(1, 1, List.of()));
    }

    @Test
    void aRedeliveredRecordIsNotAppendedTwice() {
        PartitionHistory history = new PartitionHistory(0, 0, 10, Duration.ofMinutes(1));
        List<BoardUpdate> dispatched = new ArrayList<>();
        history.append(update(0, "ann", now), dispatched::add);
        history.append(update(0, "ann", now), dispatched::add);
        assertThat(dispatched).hasSize(1);
    }

    @Test
    void positionsRoundTripAndRejectWhatIsNotOurs() {
        assertThat(Position.parse("2-41")).contains(new Position(2, 41));
        assertThat(Position.parse("0--1")).contains(new Position(0, -1));
        assertThat(new Position(2, 41).toString()).isEqualTo("2-41");
        for (String bad : new String[]{null, "", "x", "1-", "-1-2", "1-2-3", "1- 2", "999999-1"}) {
            assertThat(Position.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    private static BoardUpdate update(long offset, String user, Instant at) {
        return new BoardUpdate(0, offset, user, at, at, "{}");
    }
}
