package io.taskstream.bench.api;

import io.taskstream.bench.load.OpenLoop;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Raw writes at a constant rate: a fixed pool of threads, each with its own connection (as many
 * as api-service's load had workers). Queueing in the pool counts as latency, like queueing in the API.
 */
final class RawWritePool implements OpenLoop.AsyncOp, AutoCloseable {

    private final RawTaskWrites raw;
    private final ExecutorService pool;
    private final List<RawTaskWrites.Writer> writers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<RawTaskWrites.Writer> writer = new ThreadLocal<>();

    RawWritePool(RawTaskWrites raw, int threads) {
        this.raw = raw;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "raw-write");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<?> start(long intendedNanos) {
        return CompletableFuture.runAsync(() -> {
            try {
                writer().call();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, pool);
    }

    private RawTaskWrites.Writer writer() throws SQLException {
        RawTaskWrites.Writer w = writer.get();
        if (w == null) {
            w = raw.worker(writers.size());
            writers.add(w);
            writer.set(w);
        }
        return w;
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        for (RawTaskWrites.Writer w : writers) {
            try {
                w.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
