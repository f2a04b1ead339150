package io.taskstream.websocket.socket;

import io.micronaut.http.netty.websocket.NettyWebSocketSession;
import io.micronaut.websocket.WebSocketSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.taskstream.websocket.updates.BoardUpdate;
import io.taskstream.websocket.updates.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * One socket of one user. Until it turns live (after its replay) updates are buffered; every
 * delivery skips offsets at or below the last one delivered, so replay and live never duplicate.
 * At most {@code limit} messages may wait (buffered, queued or unwritten): beyond that the client
 * is told to resync and the socket is closed, instead of memory growing.
 *
 * <p>Messages go through a FIFO send queue drained on the socket's own event loop: the caller
 * (the Kafka listener, once per update for every socket of the user) only appends a reference to
 * the update's shared, pre-encoded {@link Outgoing} and, when the queue was idle, schedules one
 * drain. The drain writes everything queued and flushes once; while the channel is not writable
 * and a write is still in flight, messages stay in the queue (references, not encoded copies)
 * until that write completes. Order per socket is the queue's order.
 */
final class Subscriber {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriber.class);
    private static final VarHandle CHANNEL = channelHandle();

    private final WebSocketSession session;
    private final Channel channel; // null: not a Netty session, send through the session instead
    private final String userId;
    private final Instant expiresAt;
    private final int partition;
    private final int limit;
    private final SocketMetrics metrics;
    private final Runnable drain = this::drain;
    // All below guarded by this.
    private final List<Outgoing> buffer = new ArrayList<>();
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private int unwritten; // queued + handed to Netty and not yet written
    private int inFlight; // batches handed to Netty and not yet completed
    private boolean drainScheduled;
    private boolean live;
    private boolean closed;
    private long lastDelivered = -1;
    private volatile Instant lastSeen = Instant.now();

    Subscriber(WebSocketSession session, String userId, Instant expiresAt, int partition, int limit,
               SocketMetrics metrics) {
        this.session = session;
        this.channel = channelOf(session);
        this.userId = userId;
        this.expiresAt = expiresAt;
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

    int partition() {
        return partition;
    }

    /** When the socket's token expires; null when it does not. */
    Instant expiresAt() {
        return expiresAt;
    }

    /**
     * A live update from the listener (called under its partition's lock: must not block), with
     * its message encoded once for all sockets.
     */
    synchronized void offer(Outgoing update) {
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
        for (BoardUpdate u : updates) {
            if (u.offset() > lastDelivered) {
                deliver(Outgoing.update(u));
            }
        }
    }

    /** Whether these missed updates (with the hello after them) fit in the send queue, leaving room for live ones. */
    boolean fits(List<BoardUpdate> missed) {
        return missed.size() < limit / 2;
    }

    synchronized void resync(String reason) {
        metrics.resynced(reason);
        send(Outgoing.RESYNC);
    }

    /** Ends the catch-up: hello with the position reached, then whatever arrived meanwhile. */
    synchronized void goLive(long reached) {
        lastDelivered = Math.max(lastDelivered, reached);
        send(Outgoing.control(Messages.hello(userId, new Position(partition, lastDelivered)), "hello"));
        live = true;
        List<Outgoing> waiting = List.copyOf(buffer);
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
        queue.clear();
        if (session.isOpen()) {
            session.close(CloseCodes.reason(code, reason));
        }
    }

    private void deliver(Outgoing update) {
        if (update.offset() <= lastDelivered) {
            return;
        }
        lastDelivered = update.offset();
        send(update);
    }

    private void send(Outgoing message) {
        if (closed || !session.isOpen()) {
            return;
        }
        if (++unwritten > limit) {
            overflow();
            return;
        }
        if (channel == null) {
            session.sendAsync(message.frame()).whenComplete((ok, error) -> written(message, error == null));
            return;
        }
        queue.addLast(message);
        if (!drainScheduled) {
            drainScheduled = true;
            try {
                channel.eventLoop().execute(drain);
            } catch (RejectedExecutionException e) { // the server is shutting down
                closed = true;
                queue.clear();
            }
        }
    }

    /** On the event loop: writes what is queued, flushes once. */
    private void drain() {
        Outgoing[] batch;
        synchronized (this) {
            drainScheduled = false;
            if (closed || queue.isEmpty()) {
                return;
            }
            if (inFlight > 0 && !channel.isWritable()) {
                return; // the write in flight drains again when it completes
            }
            batch = queue.toArray(new Outgoing[0]);
            queue.clear();
            inFlight++;
        }
        int last = batch.length - 1;
        for (int i = 0; i < last; i++) {
            channel.write(batch[i].frame(), channel.newPromise());
        }
        // Netty completes a channel's writes in order: when the last one is done, all are.
        ChannelFuture done = channel.writeAndFlush(batch[last].frame());
        done.addListener(f -> written(batch, f.isSuccess()));
    }

    private void written(Outgoing[] batch, boolean success) {
        if (success) {
            metrics.pushed(batch);
        }
        synchronized (this) {
            unwritten -= batch.length;
            inFlight--;
            if (closed || queue.isEmpty() || drainScheduled) {
                return;
            }
            drainScheduled = true;
        }
        drainLater();
    }

    private void drainLater() {
        try {
            channel.eventLoop().execute(drain);
        } catch (RejectedExecutionException e) { // the server is shutting down
            synchronized (this) {
                closed = true;
                queue.clear();
            }
        }
    }

    private void written(Outgoing message, boolean success) {
        if (success) {
            metrics.pushed(message);
        }
        synchronized (this) {
            unwritten--;
        }
    }

    private void overflow() {
        metrics.dropped("send-queue-full");
        metrics.resynced("slow-client");
        closed = true;
        buffer.clear();
        queue.clear();
        // Behind whatever Netty already holds for this socket (writes from here run on its event
        // loop after any drain in progress), so resync is the last message before the close.
        if (session.isOpen()) {
            session.sendAsync(Messages.RESYNC);
        }
        session.close(CloseCodes.reason(CloseCodes.TOO_SLOW, "too slow: resync, then reconnect"));
    }

    private static Channel channelOf(WebSocketSession session) {
        if (CHANNEL != null && session instanceof NettyWebSocketSession) {
            return (Channel) CHANNEL.get(session);
        }
        return null;
    }

    /** Micronaut does not expose a session's channel; without it, every message goes through the session. */
    private static VarHandle channelHandle() {
        try {
            return MethodHandles.privateLookupIn(NettyWebSocketSession.class, MethodHandles.lookup())
                    .findVarHandle(NettyWebSocketSession.class, "channel", Channel.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("no direct access to WebSocket channels ({}); sending through the session", e.toString());
            return null;
        }
    }
}
