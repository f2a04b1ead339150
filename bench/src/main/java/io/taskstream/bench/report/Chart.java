package io.taskstream.bench.report;

import java.util.List;

/** A line chart: the plots page draws each as an inline SVG. */
public record Chart(String title, String xLabel, String yLabel, List<Series> series) {
}
