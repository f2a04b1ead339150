package io.taskstream.bench.api;

import io.taskstream.bench.load.OpenLoop;
import io.taskstream.bench.load.PerThreadPool;

import java.util.concurrent.CompletableFuture;

/**
 * Raw writes at a constant rate: a fixed pool of threads, each with its own connection (as many
 * as api-service's load had workers). Queueing in the pool counts as latency, like queueing in the API.
 */
final class RawWritePool implements OpenLoop.AsyncOp, AutoCloseable {

    private final PerThreadPool<RawTaskWrites.Writer> pool;

    RawWritePool(RawTaskWrites raw, int threads) {
        this.pool = new PerThreadPool<>("raw-write", threads, raw::worker);
    }

    @Override
    public CompletableFuture<?> start(long intendedNanos) {
        return pool.submit(writer -> {
            writer.call();
            return null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        pool.close();
    }
}
