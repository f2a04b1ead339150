package io.taskstream.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of {@code /ws/updates} that behaves like the board: when the connection drops it
 * reconnects with the last position it saw. It records every update's task id, and every resync.
 */
final class ResumingSocket implements AutoCloseable {

    private static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TASK_ID = Pattern.compile("\"task\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final String baseWsUrl;
    private final List<String> taskIds = new CopyOnWriteArrayList<>();
    private final List<String> positions = new CopyOnWriteArrayList<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private volatile String position;
    private volatile boolean closed;
    private volatile WebSocket socket;

    ResumingSocket(String serviceUrl, String token) {
        this.baseWsUrl = serviceUrl.replace("http:", "ws:") + "/ws/updates?access_token=" + token;
        connect();
    }

    private void connect() {
        while (!closed) {
            try {
                String url = baseWsUrl + (position == null ? "" : "&after=" + position);
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create(url), new Listener()).get();
                return;
            } catch (Exception e) {
                sleep(); // the service is away: try again, as the board does
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public void onOpen(WebSocket ws) {
            opened(ws);
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onMessage(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            lost(ws);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(ws);
        }
    }

    private void onMessage(String message) {
        Matcher p = POSITION.matcher(message);
        if (message.contains("\"type\":\"resync\"")) {
            resyncs.incrementAndGet();
        } else if (message.contains("\"type\":\"update\"") && p.find()) {
            position = p.group(1);
            positions.add(position);
            Matcher t = TASK_ID.matcher(message);
            if (t.find()) {
                taskIds.add(t.group(1));
            }
        } else if (message.contains("\"type\":\"hello\"") && p.find()) {
            position = p.group(1);
        }
    }

    /** Set here, before any close can be reported for it, so {@link #lost} never misses one. */
    private synchronized void opened(WebSocket ws) {
        socket = ws;
        connections.incrementAndGet();
    }

    /** Resumes once per lost connection, whichever of close, error or drop reports it first. */
    private synchronized void lost(WebSocket which) {
        if (closed || which != socket) {
            return;
        }
        socket = null;
        partial.setLength(0);
        Thread reconnect = new Thread(() -> { sleep(); connect(); }, "resuming-socket");
        reconnect.setDaemon(true);
        reconnect.start();
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The client loses its connection (as on a network drop) and resumes from its last position. */
    boolean drop() {
        WebSocket current = socket;
        if (current == null) {
            return false; // already reconnecting
        }
        current.abort(); // abort() may call no listener method, so resume here as onClose would
        lost(current);
        return true;
    }

    boolean connected() {
        return socket != null;
    }

    List<String> taskIds() {
        return List.copyOf(taskIds);
    }

    List<String> positions() {
        return List.copyOf(positions);
    }

    int resyncs() {
        return resyncs.get();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() {
        closed = true;
        if (socket != null) {
            socket.abort();
        }
    }
}
