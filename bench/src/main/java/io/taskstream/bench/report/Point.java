package io.taskstream.bench.report;

/** One point of a chart series. */
public record Point(double x, double y) {
}
