package io.taskstream.bench.report;

/**
 * One reported figure, next to the raw limit measured in the same run.
 *
 * @param raw     the raw limit (same unit), or null where there is none
 * @param rawName what the raw limit is
 * @param ratio   value / raw, or null without a raw limit
 * @param target  the target in words, or null where there is none
 * @param met     whether the target is met; null without a target
 */
public record Figure(String metric, double value, String unit, Double raw, String rawName, Double ratio,
                     String target, Boolean met) {

    /** A throughput that must reach {@code minRatio} of the raw limit. */
    public static Figure atLeastRatio(String metric, double value, String unit, double raw, String rawName, double minRatio) {
        Double ratio = ratio(value, raw);
        return new Figure(metric, value, unit, raw, rawName, ratio,
                "≥ " + Math.round(minRatio * 100) + "% of raw", ratio != null && ratio >= minRatio);
    }

    /** A value that must stay at or below {@code max}; {@code raw} (nullable) for context. */
    public static Figure atMost(String metric, double value, String unit, Double raw, String rawName, double max) {
        return new Figure(metric, value, unit, raw, rawName, raw == null ? null : ratio(value, raw),
                "≤ " + trim(max) + " " + unit, value <= max);
    }

    /** A value that must reach at least {@code min}; {@code raw} (nullable) for context. */
    public static Figure atLeast(String metric, double value, String unit, Double raw, String rawName, double min) {
        return new Figure(metric, value, unit, raw, rawName, raw == null ? null : ratio(value, raw),
                "≥ " + trim(min) + " " + unit, value >= min);
    }

    /** A figure without a target; {@code raw} may be null. */
    public static Figure info(String metric, double value, String unit, Double raw, String rawName) {
        return new Figure(metric, value, unit, raw, rawName, raw == null ? null : ratio(value, raw), null, null);
    }

    private static Double ratio(double value, double raw) {
        return raw > 0 ? Math.round(value / raw * 10_000) / 10_000.0 : null;
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
