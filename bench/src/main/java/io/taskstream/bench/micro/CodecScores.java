package io.taskstream.bench.micro;

import io.taskstream.bench.report.Figure;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** EventCodecBenchmark's scores (ops/s by method name) as report figures, each next to its raw limit. */
final class CodecScores {

    record Score(double opsPerSecond, double error) {
    }

    private CodecScores() {
    }

    static List<Figure> figures(Map<String, Score> scores) {
        return List.of(
                pair(scores, "codecDecode", "rawTreeParse", "decode", "Jackson parsing the same bytes into a tree"),
                pair(scores, "codecEncode", "rawTreeWrite", "encode", "Jackson writing the same JSON from a tree"),
                perEvent(scores, "codecDecode", "rawTreeParse", "decode"),
                perEvent(scores, "codecEncode", "rawTreeWrite", "encode"));
    }

    private static Figure pair(Map<String, Score> scores, String codec, String raw, String what, String rawName) {
        Score c = require(scores, codec);
        Score r = require(scores, raw);
        return Figure.info(String.format(Locale.ROOT, "task.created %s, shared-events codec (± %,.0f)", what, c.error()),
                c.opsPerSecond(), "ops/s", r.opsPerSecond(), String.format(Locale.ROOT, "%s (± %,.0f)", rawName, r.error()));
    }

    private static Figure perEvent(Map<String, Score> scores, String codec, String raw, String what) {
        double c = 1e6 / require(scores, codec).opsPerSecond();
        double r = 1e6 / require(scores, raw).opsPerSecond();
        return Figure.info("task.created " + what + ", time per event", c, "µs", r, "the same raw limit, per event");
    }

    private static Score require(Map<String, Score> scores, String name) {
        Score s = scores.get(name);
        if (s == null || !(s.opsPerSecond() > 0)) {
            throw new IllegalStateException("JMH reported no score for " + name + " (got " + scores.keySet() + ")");
        }
        return s;
    }
}
