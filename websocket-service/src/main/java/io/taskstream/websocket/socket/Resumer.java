package io.taskstream.websocket.socket;

import io.taskstream.websocket.updates.BoardUpdate;
import io.taskstream.websocket.updates.KafkaHistoryReader;
import io.taskstream.websocket.updates.PartitionHistory;
import io.taskstream.websocket.updates.Position;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Catches a socket up: the user's updates after its position from memory, or from Kafka where the
 * memory does not reach back; {@code resync} when the position is malformed, foreign, or older
 * than what Kafka still keeps, or when more updates were missed than the socket's send queue holds.
 * Never a silent gap.
 */
@Singleton
class Resumer {

    private static final Logger LOG = LoggerFactory.getLogger(Resumer.class);

    /** What the client asked for: {@code after} absent, usable (an offset in its partition), or unusable. */
    record Request(boolean present, Optional<Position> position) {
        long afterOffset() {
            return position.map(Position::offset).orElse(Long.MAX_VALUE);
        }
    }

    private final KafkaHistoryReader reader;

    Resumer(KafkaHistoryReader reader) {
        this.reader = reader;
    }

    Request request(int userPartition, String after) {
        if (after == null || after.isEmpty()) {
            return new Request(false, Optional.empty());
        }
        return new Request(true, Position.parse(after).filter(p -> p.partition() == userPartition));
    }

    void resume(Subscriber s, Request request, PartitionHistory.Snapshot snapshot) {
        long head = snapshot.next() - 1;
        try {
            if (!request.present()) {
                s.goLive(head);
                return;
            }
            if (request.position().isEmpty()) {
                s.resync("unknown-position");
                s.goLive(head);
                return;
            }
            long after = request.position().get().offset();
            if (after > head) {
                // Another replica may be a little ahead; a position beyond Kafka's end is not ours.
                if (after >= reader.endOffset(request.position().get().partition())) {
                    s.resync("unknown-position");
                    s.goLive(head);
                } else {
                    s.goLive(after);
                }
                return;
            }
            List<BoardUpdate> missed = new ArrayList<>();
            if (after + 1 < snapshot.completeFrom()) {
                var older = reader.read(request.position().get().partition(), after, snapshot.completeFrom(), s.userId());
                if (older.isEmpty()) {
                    s.resync("expired-position");
                    s.goLive(head);
                    return;
                }
                missed.addAll(older.get());
            }
            missed.addAll(snapshot.updates());
            if (!s.fits(missed)) {
                // More than the send queue holds: replaying would overflow it (resync and 4429), and the client
                // would come back with the same position, forever. A reload from the API catches it up instead.
                s.resync("backlog");
                s.goLive(head);
                return;
            }
            s.replay(missed);
            s.goLive(head);
        } catch (Exception e) {
            LOG.warn("resume of {} for {} failed; sending resync", s.session().getId(), s.userId(), e);
            s.resync("refill-failed");
            s.goLive(head);
        }
    }
}
