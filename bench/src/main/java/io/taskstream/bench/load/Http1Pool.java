package io.taskstream.bench.load;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous requests over a fixed number of keep-alive connections, a thread each (like a browser's
 * connection limit). A request waits in the pool's queue while every connection is busy; an open loop
 * measures from the intended send time, so that wait counts as latency.
 */
public final class Http1Pool implements AutoCloseable {

    private final URI base;
    private final ExecutorService threads;
    private final List<Http1Connection> connections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Http1Connection> connection = new ThreadLocal<>();

    public Http1Pool(URI base, int size) {
        this.base = base;
        this.threads = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "http1-pool");
            t.setDaemon(true);
            return t;
        });
    }

    public CompletableFuture<Http1Connection.Response> send(byte[] request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return connection().exchange(request);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    private Http1Connection connection() {
        Http1Connection c = connection.get();
        if (c == null) {
            c = new Http1Connection(base);
            connections.add(c);
            connection.set(c);
        }
        return c;
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        connections.forEach(Http1Connection::close);
    }
}
