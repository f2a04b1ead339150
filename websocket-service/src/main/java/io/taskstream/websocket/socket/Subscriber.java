package io.taskstream.websocket.socket;

import io.micronaut.websocket.WebSocketSession;
import io.taskstream.websocket.updates.BoardUpdate;
import io.taskstream.websocket.updates.Position;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One socket of one user. Until it turns live (after its replay) updates are buffered; every
 * delivery skips offsets at or below the last one delivered, so replay and live never duplicate.
 * Sends are serialised by this object's lock, so the socket receives them in offset order. At most
 * {@code limit} messages may wait (buffered or unwritten): beyond that the client is told to resync
 * and the socket is closed, instead of memory growing.
 */
final class Subscriber {

    private final WebSocketSession session;
    private final String userId;
    private final int partition;
    private final int limit;
    private final SocketMetrics metrics;
    private final AtomicInteger unwritten = new AtomicInteger();
    private final List<BoardUpdate> buffer = new ArrayList<>();
    private boolean live;
    private boolean closed;
    private long lastDelivered = -1;
    private volatile Instant lastSeen = Instant.now();

    Subscriber(WebSocketSession session, String userId, int partition, int limit, SocketMetrics metrics) {
        this.session = session;
        this.userId = userId;
        this.partition = partition;
        this.limit = limit;
        this.metrics = metrics;
    }

    WebSocketSession session() {
        return session;
    }

    String userId() {
        return userId;
    }

    /** A live update from the listener (called under its partition's lock: must not block). */
    synchronized void offer(BoardUpdate update) {
        if (closed) {
            return;
        }
        if (!live) {
            buffer.add(update);
            if (buffer.size() > limit) {
                overflow();
            }
            return;
        }
        deliver(update);
    }

    synchronized void replay(List<BoardUpdate> updates) {
        updates.forEach(this::deliver);
    }

    synchronized void resync(String reason) {
        metrics.resynced(reason);
        send(Messages.RESYNC, "resync", null);
    }

    /** Ends the catch-up: hello with the position reached, then whatever arrived meanwhile. */
    synchronized void goLive(long reached) {
        lastDelivered = Math.max(lastDelivered, reached);
        send(Messages.hello(userId, new Position(partition, lastDelivered)), "hello", null);
        live = true;
        List<BoardUpdate> waiting = List.copyOf(buffer);
        buffer.clear();
        waiting.forEach(this::deliver);
    }

    void touch() {
        lastSeen = Instant.now();
    }

    Instant lastSeen() {
        return lastSeen;
    }

    synchronized void close(int code, String reason) {
        closed = true;
        buffer.clear();
        if (session.isOpen()) {
            session.close(CloseCodes.reason(code, reason));
        }
    }

    private void deliver(BoardUpdate update) {
        if (update.offset() <= lastDelivered) {
            return;
        }
        lastDelivered = update.offset();
        send(update.json(), "update", update.occurredAt());
    }

    private void send(String message, String type, Instant occurredAt) {
        if (closed || !session.isOpen()) {
            return;
        }
        if (unwritten.incrementAndGet() > limit) {
            overflow();
            return;
        }
        session.sendAsync(message).whenComplete((ok, error) -> {
            unwritten.decrementAndGet();
            if (error == null) {
                metrics.pushed(type);
                if (occurredAt != null) {
                    metrics.written(occurredAt);
                }
            }
        });
    }

    private void overflow() {
        metrics.dropped("send-queue-full");
        metrics.resynced("slow-client");
        closed = true;
        buffer.clear();
        session.sendAsync(Messages.RESYNC);
        session.close(CloseCodes.reason(CloseCodes.TOO_SLOW, "too slow: resync, then reconnect"));
    }
}
