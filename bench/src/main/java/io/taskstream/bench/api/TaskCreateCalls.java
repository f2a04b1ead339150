package io.taskstream.bench.api;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.TaskEventSamples;
import io.taskstream.bench.load.ClosedLoop;
import io.taskstream.bench.load.Http1Connection;
import io.taskstream.bench.load.PerThreadPool;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /tasks} as a real client sends it: JSON body, a user's bearer token, HTTP/1.1 keep-alive,
 * through {@link Http1Connection} so the load generator takes as little of the shared CPU as it can.
 */
public final class TaskCreateCalls implements AutoCloseable {

    private final URI base;
    private final List<byte[]> requests = new ArrayList<>();
    private final AtomicLong next = new AtomicLong();
    private final PerThreadPool<Http1Connection> pool;

    /** Requests rotate over {@code users} users ({@code <prefix>-0} …); asynchronous ones share {@code connections}. */
    public TaskCreateCalls(BenchStack stack, String userPrefix, int users, int connections) {
        this.base = URI.create(stack.url("api-service"));
        URI uri = base.resolve("/tasks");
        for (int i = 0; i < users; i++) {
            requests.add(Http1Connection.post(uri, "Authorization: Bearer " + stack.token(userPrefix + "-" + i)
                    + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n", TaskEventSamples.BODY));
        }
        this.pool = new PerThreadPool<>("http1-pool", connections, index -> new Http1Connection(base));
    }

    /** A closed-loop worker on its own connection: one create after the other, as user {@code index mod users}. */
    public ClosedLoop.Op worker(int index) {
        byte[] request = requests.get(index % requests.size());
        return new Worker(new Http1Connection(base), request);
    }

    /** Starts one create (users in turn); the future fails unless the answer is 201. */
    public CompletableFuture<Http1Connection.Response> createAsync() {
        byte[] request = requests.get((int) (next.getAndIncrement() % requests.size()));
        return pool.submit(connection -> connection.exchange(request)).thenApply(TaskCreateCalls::check);
    }

    static Http1Connection.Response check(Http1Connection.Response response) {
        if (response.status() != 201) {
            String body = response.body();
            throw new IllegalStateException("POST /tasks answered " + response.status() + ": "
                    + body.substring(0, Math.min(300, body.length())));
        }
        return response;
    }

    @Override
    public void close() throws InterruptedException {
        pool.close();
    }

    private record Worker(Http1Connection connection, byte[] request) implements ClosedLoop.Op, AutoCloseable {
        @Override
        public void call() throws Exception {
            check(connection.exchange(request));
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
