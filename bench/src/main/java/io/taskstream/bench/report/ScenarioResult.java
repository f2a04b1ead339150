package io.taskstream.bench.report;

import java.util.List;

/**
 * What one scenario measured.
 *
 * @param status  {@code ok} or {@code failed}
 * @param error   why it failed (null when ok); figures measured before the failure are kept
 * @param method  how it measured, in sentences (for results.md)
 */
public record ScenarioResult(String id, String title, String status, String error, double seconds,
                             List<String> method, List<Figure> figures, List<Phase> phases, List<Chart> charts) {

    public boolean ok() {
        return "ok".equals(status);
    }
}
