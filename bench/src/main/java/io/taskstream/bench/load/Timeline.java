package io.taskstream.bench.load;

import io.taskstream.bench.report.Point;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/** Events counted into fixed-width time buckets from a start instant; read back as a rate per second. */
public final class Timeline {

    private final long startNanos;
    private final long bucketNanos;
    private final AtomicLongArray buckets;

    public Timeline(long startNanos, long bucketMillis, long maxSeconds) {
        this.startNanos = startNanos;
        this.bucketNanos = bucketMillis * 1_000_000L;
        this.buckets = new AtomicLongArray((int) Math.max(1, maxSeconds * 1000 / bucketMillis + 1));
    }

    public void count(long atNanos) {
        add(atNanos, 1);
    }

    public void add(long atNanos, long events) {
        long index = (atNanos - startNanos) / bucketNanos;
        if (index >= 0 && index < buckets.length()) {
            buckets.addAndGet((int) index, events);
        }
    }

    /** One point per bucket up to {@code untilNanos}: x = seconds since start (bucket end), y = events per second. */
    public List<Point> ratePerSecond(long untilNanos) {
        int last = (int) Math.min(buckets.length(), Math.max(1, (untilNanos - startNanos + bucketNanos - 1) / bucketNanos));
        double bucketSeconds = bucketNanos / 1e9;
        List<Point> points = new ArrayList<>(last);
        for (int i = 0; i < last; i++) {
            points.add(new Point(round((i + 1) * bucketSeconds), round(buckets.get(i) / bucketSeconds)));
        }
        return points;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
