package io.taskstream.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * N workers, each calling its operation back to back for a fixed time: the saturation throughput
 * at that concurrency. A worker stops early after 100 failures in a row (the system is down).
 */
public final class ClosedLoop {

    /** One call; throws when the call failed. */
    public interface Op {
        void call() throws Exception;
    }

    /** Opens worker {@code index}'s operation (e.g. with its own connection); closed afterwards if AutoCloseable. */
    public interface OpFactory {
        Op open(int index) throws Exception;
    }

    private ClosedLoop() {
    }

    public static LoadResult run(String name, int workers, Duration duration, OpFactory factory) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Op> ops = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                ops.add(factory.open(i));
            }
        } catch (Exception e) {
            closeAll(ops);
            throw new IllegalStateException(name + ": cannot open worker: " + e, e);
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        Timeline timeline = new Timeline(start, 250, duration.toSeconds() + 5);
        CountDownLatch done = new CountDownLatch(workers);
        for (Op op : ops) {
            Thread worker = new Thread(() -> {
                int failuresInARow = 0;
                try {
                    while (System.nanoTime() < deadline && failuresInARow < 100 && !Thread.currentThread().isInterrupted()) {
                        long t0 = System.nanoTime();
                        try {
                            op.call();
                            long t1 = System.nanoTime();
                            latencies.recordNanos(t1 - t0);
                            timeline.count(t1);
                            completed.incrementAndGet();
                            failuresInARow = 0;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                            failuresInARow++;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, name + "-worker");
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        closeAll(ops);
        return new LoadResult(name, null, workers, completed.get(), errors.get(), firstError.get(), seconds,
                latencies.summary(), timeline.ratePerSecond(System.nanoTime()));
    }

    private static void closeAll(List<Op> ops) {
        for (Op op : ops) {
            if (op instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
    }
}
