package io.taskstream.bench.relay;

import io.taskstream.bench.report.Point;

import java.util.ArrayList;
import java.util.List;

/**
 * How many of the measured rows were still in the outbox at each poll after the commit: the relay
 * deletes a batch's rows in the transaction that waited for the broker's acknowledgements, so a
 * row gone is a row acknowledged (and committed as published).
 */
final class DrainSamples {

    private final long committedNanos;
    private final long total;
    private final List<long[]> samples = new ArrayList<>();

    DrainSamples(long committedNanos, long total) {
        this.committedNanos = committedNanos;
        this.total = total;
    }

    void add(long nanos, long remaining) {
        samples.add(new long[] {nanos, remaining});
    }

    /** Seconds from the commit to the first poll that found no row left. */
    double secondsToEmpty() {
        for (long[] s : samples) {
            if (s[1] == 0) {
                return (s[0] - committedNanos) / 1e9;
            }
        }
        throw new IllegalStateException("the outbox never emptied (" + samples.size() + " polls)");
    }

    /** Rows published per second in buckets of {@code bucketSeconds}, x = end of the bucket in seconds since commit. */
    List<Point> ratePerSecond(double bucketSeconds) {
        List<Point> points = new ArrayList<>();
        long previousRemaining = total;
        double bucketEnd = bucketSeconds;
        long remainingAtBucketStart = total;
        for (long[] s : samples) {
            double t = (s[0] - committedNanos) / 1e9;
            while (t > bucketEnd) {
                points.add(new Point(bucketEnd, (remainingAtBucketStart - previousRemaining) / bucketSeconds));
                remainingAtBucketStart = previousRemaining;
                bucketEnd += bucketSeconds;
            }
            previousRemaining = s[1];
        }
        points.add(new Point(bucketEnd, (remainingAtBucketStart - previousRemaining) / bucketSeconds));
        return points;
    }
}
