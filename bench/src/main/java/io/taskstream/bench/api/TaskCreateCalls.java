package io.taskstream.bench.api;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.TaskEventSamples;
import io.taskstream.bench.load.ClosedLoop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** {@code POST /tasks} as a real client sends it: JSON body, a user's bearer token, HTTP/1.1 keep-alive. */
public final class TaskCreateCalls {

    private final HttpClient http;
    private final List<HttpRequest> requests = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();

    /** Requests rotate over {@code users} users ({@code <prefix>-0} …). */
    public TaskCreateCalls(BenchStack stack, String userPrefix, int users) {
        this.http = stack.http();
        URI uri = URI.create(stack.url("api-service") + "/tasks");
        for (int i = 0; i < users; i++) {
            requests.add(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + stack.token(userPrefix + "-" + i))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TaskEventSamples.BODY)).build());
        }
    }

    /** A closed-loop worker: one create after the other, as user {@code index mod users}. */
    public ClosedLoop.Op worker(int index) {
        HttpRequest request = requests.get(index % requests.size());
        return () -> check(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    /** Starts one create (users in turn); the future fails unless the answer is 201. */
    public CompletableFuture<HttpResponse<String>> createAsync() {
        HttpRequest request = requests.get((int) (next.getAndIncrement() % requests.size()));
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(TaskCreateCalls::check);
    }

    static HttpResponse<String> check(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            String body = response.body() == null ? "" : response.body();
            throw new IllegalStateException("POST /tasks answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(300, body.length())));
        }
        return response;
    }
}
