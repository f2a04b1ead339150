package io.taskstream.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskstream.bench.BenchStack;
import io.taskstream.bench.report.JsonReport;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user's live board as a JDK WebSocket client on {@code /ws/updates}: notes when each task's
 * {@code created} update arrives (System.nanoTime() when its last fragment is in, before parsing).
 */
public final class UpdateSocket implements WebSocket.Listener {

    private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
    private final CountDownLatch hello = new CountDownLatch(1);
    private final AtomicLong frames = new AtomicLong();
    private final StringBuilder partial = new StringBuilder();
    private volatile String closed;
    private WebSocket socket;

    public static UpdateSocket open(BenchStack stack, String user) throws InterruptedException {
        UpdateSocket listener = new UpdateSocket();
        String url = stack.url("websocket-service").replace("http:", "ws:") + "/ws/updates?access_token=" + stack.token(user);
        listener.socket = stack.http().newWebSocketBuilder().connectTimeout(java.time.Duration.ofSeconds(10))
                .buildAsync(URI.create(url), listener).orTimeout(15, TimeUnit.SECONDS).join();
        if (!listener.hello.await(15, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no hello on /ws/updates within 15 s" + (listener.closed == null ? "" : "; " + listener.closed));
        }
        return listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long now = System.nanoTime();
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            frames.incrementAndGet();
            try {
                JsonNode frame = JsonReport.mapper().readTree(text);
                String type = frame.path("type").asText();
                if (type.equals("hello")) {
                    hello.countDown();
                } else if (type.equals("update") && frame.path("change").asText().equals("created")) {
                    createdAt.putIfAbsent(frame.path("task").path("id").asText(), now);
                }
            } catch (Exception e) {
                closed = "unreadable frame: " + e.getMessage();
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed = "socket closed by the server: " + statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed = "socket error: " + error;
    }

    /** nanoTime at which the {@code created} update of {@code taskId} arrived, or null. */
    Long arrival(String taskId) {
        return createdAt.get(taskId);
    }

    public long frames() {
        return frames.get();
    }

    /** Null while the socket is healthy. */
    String problem() {
        return closed;
    }

    public void close() {
        socket.abort();
    }
}
