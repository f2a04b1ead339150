package io.taskstream.bench.api;

import io.taskstream.bench.report.Figure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU milliseconds per create of each process over one phase, and their sum.
 *
 * @param msByProcess in the order of the samples
 */
record CpuPerCreate(Map<String, Double> msByProcess, double totalMs) {

    /** From {@link StackCpu#sample()} before and after a phase that completed {@code creates}. */
    static CpuPerCreate of(Map<String, Double> before, Map<String, Double> after, long creates) {
        if (creates <= 0) {
            throw new IllegalArgumentException("no create completed");
        }
        Map<String, Double> ms = new LinkedHashMap<>();
        double total = 0;
        for (Map.Entry<String, Double> end : after.entrySet()) {
            Double start = before.get(end.getKey());
            if (start == null) {
                throw new IllegalArgumentException(end.getKey() + " was not sampled before the phase");
            }
            double perCreate = (end.getValue() - start) * 1000 / creates;
            ms.put(end.getKey(), perCreate);
            total += perCreate;
        }
        return new CpuPerCreate(Collections.unmodifiableMap(ms), total);
    }

    /** Creates per second {@code cores} fully busy cores could do at this cost, if CPU were the only limit. */
    double sustainablePerSecond(int cores) {
        return cores * 1000.0 / totalMs;
    }

    /** One info figure per process, the total, and the rate the machine's cores could sustain. */
    List<Figure> figures(int cores) {
        List<Figure> figures = new ArrayList<>();
        msByProcess.forEach((process, ms) -> figures.add(Figure.info(process + " CPU per create", ms, "ms", null, null)));
        figures.add(Figure.info("CPU per create, all processes", totalMs, "ms", null, null));
        if (totalMs > 0) {
            figures.add(Figure.info("creates/s this machine's " + cores + " cores could sustain at that cost",
                    sustainablePerSecond(cores), "creates/s", null, null));
        }
        return figures;
    }

    /** The breakdown on one line, for the console. */
    String summary(int cores) {
        StringBuilder line = new StringBuilder();
        msByProcess.forEach((process, ms) -> line.append(String.format(Locale.ROOT, "%s %.3f ms, ", process, ms)));
        return line.append(String.format(Locale.ROOT, "total %.3f ms = %.0f creates/s on %d cores", totalMs,
                sustainablePerSecond(cores), cores)).toString();
    }
}
