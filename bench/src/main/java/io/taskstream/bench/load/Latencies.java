package io.taskstream.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Latencies in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes), safe to record
 * from many threads. Values above the range are clamped to it and counted in {@link #clamped()}.
 */
public final class Latencies {

    static final long MAX_MICROS = 600_000_000L;

    private final Histogram histogram = new SynchronizedHistogram(1, MAX_MICROS, 3);
    private volatile long clamped;

    public void recordNanos(long nanos) {
        recordMicros(Math.max(1, nanos / 1_000));
    }

    public void recordMicros(long micros) {
        long value = Math.max(1, micros);
        if (value > MAX_MICROS) {
            synchronized (this) {
                clamped++;
            }
            value = MAX_MICROS;
        }
        histogram.recordValue(value);
    }

    public void add(Latencies other) {
        histogram.add(other.histogram);
        synchronized (this) {
            clamped += other.clamped;
        }
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public long clamped() {
        return clamped;
    }

    /** The {@code percentile} (0..100) in milliseconds; 0 when nothing was recorded. */
    public double percentileMillis(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    public double meanMillis() {
        return count() == 0 ? 0 : histogram.getMean() / 1000.0;
    }

    public Summary summary() {
        return new Summary(count(), percentileMillis(50), percentileMillis(90), percentileMillis(99),
                percentileMillis(99.9), maxMillis(), meanMillis());
    }

    /** Milliseconds. */
    public record Summary(long count, double p50, double p90, double p99, double p999, double max, double mean) {
    }
}
