package io.taskstream.bench;

import io.taskstream.bench.load.LoadResult;
import io.taskstream.bench.report.Chart;
import io.taskstream.bench.report.Figure;
import io.taskstream.bench.report.Phase;
import io.taskstream.bench.report.ScenarioResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects a scenario's findings as it runs, so a failure half-way still reports what was measured. */
public final class ScenarioOutput {

    private final String id;
    private final String title;
    private final List<String> method = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<Chart> charts = new ArrayList<>();

    public ScenarioOutput(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public synchronized void method(String sentence) {
        method.add(sentence);
    }

    public synchronized void figure(Figure figure) {
        figures.add(figure);
        String raw = figure.raw() == null ? "" : String.format(Locale.ROOT, " | raw %.2f (%s), ratio %s", figure.raw(),
                figure.rawName(), figure.ratio());
        String target = figure.met() == null ? "" : " | target " + figure.target() + (figure.met() ? ": met" : ": NOT met");
        Progress.say(id, "%s: %.2f %s%s%s", figure.metric(), figure.value(), figure.unit(), raw, target);
    }

    public synchronized void phase(LoadResult result) {
        phases.add(result.toPhase());
    }

    public synchronized void chart(Chart chart) {
        charts.add(chart);
    }

    public synchronized ScenarioResult result(String error, double seconds) {
        return new ScenarioResult(id, title, error == null ? "ok" : "failed", error, Math.round(seconds * 10) / 10.0,
                List.copyOf(method), List.copyOf(figures), List.copyOf(phases), List.copyOf(charts));
    }
}
