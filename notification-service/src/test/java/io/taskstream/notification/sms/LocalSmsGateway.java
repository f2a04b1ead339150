package io.taskstream.notification.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for the SMS gateway. Answers are scripted per phone number
 * (status then body); once a number's script is used up it answers 200. Every request is recorded.
 */
public final class LocalSmsGateway implements AutoCloseable {

    public record Received(String phone, String body, String authorization, String idempotencyKey, int answeredWith) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Runnable beforeAnswer = () -> { };
    private final java.util.Set<String> stalling = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    public LocalSmsGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/messages", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a stalled answer blocks only itself
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/messages";
    }

    /** The next answers for {@code phone}, in order. */
    public LocalSmsGateway script(String phone, int status, String body) {
        scripts.computeIfAbsent(phone, p -> new ArrayDeque<>()).add(new Answer(status, body));
        return this;
    }

    /** Runs on every request, after it is recorded and before it is answered (e.g. to inject a fault right there). */
    public LocalSmsGateway beforeAnswer(Runnable action) {
        beforeAnswer = action;
        return this;
    }

    /** Answers {@code phone}'s requests with a 200 status line and headers, then never sends the promised body. */
    public LocalSmsGateway stallBodyFor(String phone) {
        stalling.add(phone);
        return this;
    }

    public List<Received> receivedFor(String phone) {
        return received.stream().filter(r -> r.phone().equals(phone)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String phone = body.replaceAll("(?s).*\"to\"\\s*:\\s*\"([^\"]*)\".*", "$1");
        Deque<Answer> script = scripts.get(phone);
        Answer answer = script == null ? null : script.poll();
        if (answer == null) {
            answer = new Answer(200, "{\"id\":\"" + received.size() + "\"}");
        }
        received.add(new Received(phone, body, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"), answer.status()));
        beforeAnswer.run();
        if (stalling.contains(phone)) {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().flush();
            try {
                closed.await(); // the body never comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
