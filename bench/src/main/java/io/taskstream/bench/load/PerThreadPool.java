package io.taskstream.bench.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of threads, each with its own resource (a connection), opened on the thread's first
 * call. A call waits in the pool's queue while every thread is busy; an open loop measures from the
 * intended send time, so that wait counts as latency, like queueing in the system under test.
 */
public final class PerThreadPool<R extends AutoCloseable> implements AutoCloseable {

    /** Opens thread {@code index}'s resource. */
    public interface Opener<R> {
        R open(int index) throws Exception;
    }

    /** One call on the calling thread's resource. */
    public interface Call<R, T> {
        T call(R resource) throws Exception;
    }

    private final Opener<R> opener;
    private final ExecutorService threads;
    private final List<R> opened = new CopyOnWriteArrayList<>();
    private final ThreadLocal<R> resource = new ThreadLocal<>();

    public PerThreadPool(String name, int size, Opener<R> opener) {
        this.opener = opener;
        this.threads = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public <T> CompletableFuture<T> submit(Call<R, T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.call(resource());
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    private R resource() throws Exception {
        R r = resource.get();
        if (r == null) {
            synchronized (opened) {
                r = opener.open(opened.size());
                opened.add(r);
            }
            resource.set(r);
        }
        return r;
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        for (R r : opened) {
            try {
                r.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
