package io.taskstream.bench.report;

import java.util.Locale;

/** Number formatting shared by the Markdown and HTML writers. */
final class Numbers {

    private Numbers() {
    }

    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String withUnit(double v, String unit) {
        return format(v) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    /** value / raw: a percentage up to 2×, a multiple beyond. */
    static String ratio(Double ratio) {
        if (ratio == null) {
            return "—";
        }
        return ratio < 2 ? String.format(Locale.ROOT, "%.0f%%", ratio * 100) : String.format(Locale.ROOT, "%.1f×", ratio);
    }

    static String met(Boolean met) {
        return met == null ? "—" : met ? "yes" : "**no**";
    }

    static String optional(Double v) {
        return v == null ? "—" : format(v);
    }
}
