package io.taskstream.bench.report;

import java.util.List;

/** A named line of a chart. */
public record Series(String name, List<Point> points) {
}
