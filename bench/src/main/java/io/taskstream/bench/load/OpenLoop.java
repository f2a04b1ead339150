package io.taskstream.bench.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Constant arrival rate: request i is due at start + i / rate whether or not earlier ones have
 * answered, and its latency is measured from that intended time (no coordinated omission: a stall
 * shows up in the latencies of everything that should have been sent during it).
 */
public final class OpenLoop {

    /** Starts one asynchronous call that was due at {@code intendedNanos}; completes exceptionally on failure. */
    public interface AsyncOp {
        CompletableFuture<?> start(long intendedNanos);
    }

    private OpenLoop() {
    }

    public static LoadResult run(String name, double ratePerSecond, Duration duration, int maxInFlight,
                                 Duration drainTimeout, AsyncOp op) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong lastDone = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double periodNanos = 1e9 / ratePerSecond;
        Timeline timeline = new Timeline(start, 250, duration.toSeconds() + drainTimeout.toSeconds() + 5);
        for (long i = 0; ; i++) {
            long intended = start + (long) (i * periodNanos);
            if (intended >= end) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException(name + " interrupted");
            }
            if (inFlight.get() >= maxInFlight) {
                errors.incrementAndGet();
                firstError.compareAndSet(null, "more than " + maxInFlight + " requests in flight: not sent");
                continue;
            }
            inFlight.incrementAndGet();
            CompletableFuture<?> call;
            try {
                call = op.start(intended);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            call.whenComplete((result, failure) -> {
                long now = System.nanoTime();
                lastDone.accumulateAndGet(now, Math::max);
                if (failure == null) {
                    latencies.recordNanos(now - intended);
                    timeline.count(now);
                    completed.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, String.valueOf(failure.getCause() != null ? failure.getCause() : failure));
                }
                inFlight.decrementAndGet();
            });
        }
        long drainDeadline = System.nanoTime() + drainTimeout.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < drainDeadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        long unfinished = inFlight.get();
        if (unfinished > 0) {
            errors.addAndGet(unfinished);
            firstError.compareAndSet(null, unfinished + " requests unanswered after " + drainTimeout.toSeconds() + " s");
        }
        // Achieved rate over the sending window (or until the last answer, when that came later).
        double seconds = Math.max(duration.toNanos(), lastDone.get() - start) / 1e9;
        return new LoadResult(name, ratePerSecond, 0, completed.get(), errors.get(), firstError.get(), seconds,
                latencies.summary(), timeline.ratePerSecond(System.nanoTime()));
    }
}
