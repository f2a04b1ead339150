package io.taskstream.websocket.socket;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.websocket.WebSocketSession;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.taskstream.websocket.updates.BoardUpdate;
import io.taskstream.websocket.updates.PartitionHistory;
import io.taskstream.websocket.updates.UpdateHistory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/** The open sockets of this replica by user; routes each update to its user's sockets only. */
@Singleton
public class Subscriptions {

    private static final AttributeKey<Long> SOCKETS = AttributeKey.longKey("taskstream.websocket.sockets");

    private static final String GOING_AWAY_REASON = "server restarting; reconnect with your position";

    private final Map<String, Set<Subscriber>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Subscriber> bySession = new ConcurrentHashMap<>();
    private final UpdateHistory history;
    private final Resumer resumer;
    private final ExecutorService executor;
    private final SocketMetrics metrics;
    private final int queueLimit;
    private final Duration idleTimeout;
    private volatile boolean goingAway;

    Subscriptions(UpdateHistory history, Resumer resumer, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
                  SocketMetrics metrics, @Value("${taskstream.websocket.send-queue-limit:1000}") int queueLimit,
                  @Value("${taskstream.websocket.idle-timeout:60s}") Duration idleTimeout) {
        this.history = history;
        this.resumer = resumer;
        this.executor = executor;
        this.metrics = metrics;
        this.queueLimit = queueLimit;
        this.idleTimeout = idleTimeout;
        metrics.connections(bySession);
    }

    /**
     * Registers an authenticated socket, then catches it up from {@code after} (may be null). The heartbeat
     * closes it with 4401 once its token expires ({@code expiresAt}; null: never).
     */
    void open(WebSocketSession session, String userId, Instant expiresAt, String after) {
        Optional<PartitionHistory> partition = history.partitionOf(userId).flatMap(history::partition);
        if (partition.isEmpty()) {
            metrics.refused(CloseCodes.TRY_AGAIN_LATER);
            session.close(CloseCodes.reason(CloseCodes.TRY_AGAIN_LATER, "not following task-updates yet"));
            return;
        }
        PartitionHistory p = partition.get();
        Subscriber subscriber = new Subscriber(session, userId, expiresAt, p.partition(), queueLimit, metrics);
        Resumer.Request request = resumer.request(p.partition(), after);
        PartitionHistory.Snapshot snapshot = p.register(userId, request.afterOffset(), () -> add(subscriber));
        if (!session.isOpen()) { // closed while authenticating
            remove(session);
            return;
        }
        executor.execute(() -> resumer.resume(subscriber, request, snapshot));
    }

    /**
     * Called by the listener under the update's partition lock, inside the record's span. The
     * message is encoded once and shared by all the user's sockets; each socket only queues it.
     */
    public void dispatch(BoardUpdate update) {
        Set<Subscriber> sockets = byUser.get(update.userId());
        Span.current().setAttribute(SOCKETS, sockets == null ? 0 : sockets.size());
        if (sockets != null && !sockets.isEmpty()) {
            Outgoing message = Outgoing.update(update);
            for (Subscriber s : sockets) {
                s.offer(message);
            }
        }
    }

    /**
     * The listener lost updates of {@code partition}: every socket following it may have missed some of its
     * user's, so each gets {@code resync} (the browser reloads from the API). Called under the partition's lock.
     */
    public void resyncPartition(int partition, String reason) {
        for (Subscriber s : bySession.values()) {
            if (s.partition() == partition) {
                s.resync(reason);
            }
        }
    }

    void touch(WebSocketSession session) {
        Subscriber s = bySession.get(session.getId());
        if (s != null) {
            s.touch();
        }
    }

    void remove(WebSocketSession session) {
        Subscriber s = bySession.remove(session.getId());
        if (s != null) {
            byUser.computeIfPresent(s.userId(), (u, set) -> {
                set.remove(s);
                return set.isEmpty() ? null : set;
            });
        }
    }

    public int count() {
        return bySession.size();
    }

    /**
     * The replica is shutting down: closes every registered socket with 1001, and from now on any socket that
     * registers late (its handshake accepted just before) too; returns how many it closed.
     */
    int goAway() {
        goingAway = true;
        int closed = 0;
        for (Subscriber s : bySession.values()) {
            closeGoingAway(s);
            closed++;
        }
        return closed;
    }

    private void closeGoingAway(Subscriber s) {
        s.close(CloseCodes.GOING_AWAY, GOING_AWAY_REASON);
        remove(s.session());
    }

    /**
     * Heartbeat: ping every socket; close those silent for longer than the idle timeout, and those whose token
     * has expired (the handshake checked it once; a socket must not outlive it).
     */
    @Scheduled(fixedDelay = "${taskstream.websocket.ping-interval:20s}")
    void heartbeat() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(idleTimeout);
        for (Subscriber s : bySession.values()) {
            if (s.expiresAt() != null && !now.isBefore(s.expiresAt())) {
                s.close(CloseCodes.UNAUTHORIZED, "token expired");
                remove(s.session());
            } else if (s.lastSeen().isBefore(cutoff)) {
                s.close(CloseCodes.IDLE_TIMEOUT, "no pong within " + idleTimeout.toSeconds() + "s");
                remove(s.session());
            } else if (s.session().isOpen()) {
                s.session().sendPingAsync(new byte[]{'p'});
            }
        }
    }

    private void add(Subscriber subscriber) {
        bySession.put(subscriber.session().getId(), subscriber);
        // Added inside compute, not after computeIfAbsent returns: remove() of the user's last other socket could
        // otherwise drop the set in between, and this socket would sit in a set that dispatch never finds.
        byUser.compute(subscriber.userId(), (u, set) -> {
            Set<Subscriber> sockets = set != null ? set : ConcurrentHashMap.newKeySet();
            sockets.add(subscriber);
            return sockets;
        });
        if (goingAway) { // checked after the put: goAway() either saw this socket or is seen here
            closeGoingAway(subscriber);
        }
    }
}
