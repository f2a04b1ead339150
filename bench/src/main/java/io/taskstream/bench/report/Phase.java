package io.taskstream.bench.report;

/** One load phase as reported (latencies in milliseconds). */
public record Phase(String name, Double offeredPerSecond, int concurrency, long completed, long errors,
                    String firstError, double seconds, double throughput, double p50, double p90, double p99,
                    double p999, double max) {
}
