package io.taskstream.websocket.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.taskstream.websocket.updates.BoardUpdate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One message, encoded to UTF-8 once and shared by every socket it goes to: each write wraps a
 * duplicate (own indexes, same bytes) of the unreleasable payload in a frame of its own, so no
 * socket re-encodes it and no reference count is shared between event loops.
 *
 * @param offset     the update's offset (-1 for control messages)
 * @param type       the {@code type} label of {@code taskstream_websocket_messages_pushed_total}
 * @param occurredAt the event's time for the push latency, null for control messages
 */
record Outgoing(long offset, String type, Instant occurredAt, ByteBuf payload) {

    static final Outgoing RESYNC = control(Messages.RESYNC, "resync");

    static Outgoing update(BoardUpdate update) {
        return new Outgoing(update.offset(), "update", update.occurredAt(), encode(update.json()));
    }

    static Outgoing control(String json, String type) {
        return new Outgoing(-1, type, null, encode(json));
    }

    TextWebSocketFrame frame() {
        return new TextWebSocketFrame(true, 0, payload.duplicate());
    }

    private static ByteBuf encode(String json) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8)));
    }
}
