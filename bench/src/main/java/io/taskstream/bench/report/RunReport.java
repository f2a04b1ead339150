package io.taskstream.bench.report;

import java.util.List;

/** Everything one bench run measured: written as results.md, results.json and plots.html. */
public record RunReport(String startedAt, String mode, double seconds, Environment environment,
                        List<ScenarioResult> scenarios) {

    public boolean allOk() {
        return scenarios.stream().allMatch(ScenarioResult::ok);
    }

    public long targets() {
        return scenarios.stream().flatMap(s -> s.figures().stream()).filter(f -> f.met() != null).count();
    }

    public long targetsMet() {
        return scenarios.stream().flatMap(s -> s.figures().stream()).filter(f -> Boolean.TRUE.equals(f.met())).count();
    }
}
