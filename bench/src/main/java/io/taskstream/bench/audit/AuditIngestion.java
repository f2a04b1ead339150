package io.taskstream.bench.audit;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.load.Timeline;
import io.taskstream.bench.report.Point;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Watches audit_log grow (SELECT count(*) every 50 ms) while audit-service catches up with a pre-filled topic. */
final class AuditIngestion implements Runnable {

    record Sample(long nanos, long stored) {
    }

    private final BenchStack stack;
    private final long baseline;
    private final long expected;
    private final long deadlineNanos;
    private final List<Sample> samples = new ArrayList<>();
    private volatile Exception failure;

    AuditIngestion(BenchStack stack, long baseline, long expected, long timeoutSeconds) {
        this.stack = stack;
        this.baseline = baseline;
        this.expected = expected;
        this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    }

    static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM public.audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void run() {
        try (Connection c = stack.connect("audit-service")) {
            while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
                long stored = count(c) - baseline;
                synchronized (samples) {
                    samples.add(new Sample(System.nanoTime(), stored));
                }
                if (stored >= expected) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    Exception failure() {
        return failure;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** When the stored count (above the baseline) first reached {@code rows} (nanoTime), or -1. */
    long reached(double rows) {
        for (Sample s : samples()) {
            if (s.stored() >= rows) {
                return s.nanos();
            }
        }
        return -1;
    }

    /** Rows stored per second over time, in 500 ms buckets from {@code startNanos}. */
    List<Point> rate(long startNanos) {
        Timeline timeline = new Timeline(startNanos, 500, 600);
        List<Sample> all = samples();
        for (int i = 1; i < all.size(); i++) {
            timeline.add(all.get(i).nanos(), all.get(i).stored() - all.get(i - 1).stored());
        }
        return all.isEmpty() ? List.of() : timeline.ratePerSecond(all.get(all.size() - 1).nanos());
    }
}
