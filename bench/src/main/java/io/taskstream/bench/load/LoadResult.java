package io.taskstream.bench.load;

import io.taskstream.bench.report.Phase;
import io.taskstream.bench.report.Point;

import java.util.List;

/**
 * What one load phase achieved.
 *
 * @param offeredPerSecond the constant arrival rate of an open-loop phase; null for a closed loop
 * @param concurrency      workers of a closed loop (or pool threads of an open loop)
 * @param timeline         completions per second over the phase
 */
public record LoadResult(String name, Double offeredPerSecond, int concurrency, long completed, long errors,
                         String firstError, double seconds, Latencies.Summary latency, List<Point> timeline) {

    public double throughput() {
        return seconds <= 0 ? 0 : completed / seconds;
    }

    public Phase toPhase() {
        return new Phase(name, offeredPerSecond, concurrency, completed, errors, firstError, seconds, throughput(),
                latency.p50(), latency.p90(), latency.p99(), latency.p999(), latency.max());
    }
}
