package io.taskstream.websocket.socket;

import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.ClientWebSocket;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Micronaut WebSocket client that records what it receives and how it was closed. */
@ClientWebSocket
public class TestSocket implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private volatile CloseReason closeReason;
    private volatile WebSocketSession session;

    @OnOpen
    void onOpen(WebSocketSession session) {
        this.session = session;
    }

    @OnMessage
    void onMessage(String message) {
        messages.add(message);
    }

    @OnClose
    void onClose(CloseReason reason) {
        closeReason = reason;
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    public CloseReason closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        if (session != null && session.isOpen()) {
            session.close();
        }
    }
}
