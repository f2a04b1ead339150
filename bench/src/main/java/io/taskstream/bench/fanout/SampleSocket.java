package io.taskstream.bench.fanout;

import io.taskstream.bench.BenchStack;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** One JDK WebSocket of the user during the warm-up: gives the text of a real update frame to the peer. */
final class SampleSocket implements WebSocket.Listener {
    private final CompletableFuture<String> update = new CompletableFuture<>();
    private final CompletableFuture<String> hello = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static SampleSocket open(BenchStack stack, String user) {
        SampleSocket s = new SampleSocket();
        String url = stack.url("websocket-service").replace("http:", "ws:") + "/ws/updates?access_token=" + stack.token(user);
        s.socket = stack.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), s).orTimeout(15, TimeUnit.SECONDS).join();
        s.hello.orTimeout(15, TimeUnit.SECONDS).join();
        return s;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (text.contains("\"type\":\"update\"")) {
                update.complete(text);
            } else if (text.contains("\"type\":\"hello\"")) {
                hello.complete(text);
            }
        }
        ws.request(1);
        return null;
    }

    String firstUpdate(Duration timeout) {
        return update.orTimeout(timeout.toSeconds(), TimeUnit.SECONDS).join();
    }

    void close() {
        socket.abort();
    }
}
