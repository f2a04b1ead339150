package io.taskstream.websocket.socket;

import io.taskstream.websocket.updates.Position;

/** The control messages; {@code update} messages are rendered once per record by the decoder. */
final class Messages {

    static final String RESYNC = "{\"type\":\"resync\"}";

    private Messages() {
    }

    /** Sent when the socket turns live: everything up to {@code position} has been delivered. */
    static String hello(String userId, Position position) {
        return "{\"type\":\"hello\",\"user_id\":\"" + userId.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"position\":\"" + position + "\"}";
    }
}
