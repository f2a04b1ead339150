package io.taskstream.bench.report;

import java.util.List;
import java.util.Locale;

/** Renders a {@link Chart} as a self-contained SVG line chart (axes from zero, five ticks, a legend). */
public final class SvgChart {

    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"};
    private static final int W = 760;
    private static final int H = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 200;
    private static final int TOP = 30;
    private static final int BOTTOM = 46;

    private SvgChart() {
    }

    public static String render(Chart chart) {
        double xMax = niceCeil(chart.series().stream().flatMap(s -> s.points().stream()).mapToDouble(Point::x).max().orElse(1));
        double yMax = niceCeil(chart.series().stream().flatMap(s -> s.points().stream()).mapToDouble(Point::y).max().orElse(1));
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"18\" font-size=\"13\" font-weight=\"bold\">")
                .append(escape(chart.title())).append("</text>\n");
        for (int i = 0; i <= 5; i++) {
            double y = TOP + plotH - plotH * i / 5.0;
            double x = LEFT + plotW * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotW, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, Numbers.format(yMax * i / 5)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + plotH + 16, Numbers.format(xMax * i / 5)));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n", LEFT, TOP, plotW, plotH));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", LEFT + plotW / 2, H - 8, escape(chart.xLabel())));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>%n",
                TOP + plotH / 2, TOP + plotH / 2, escape(chart.yLabel())));
        List<Series> series = chart.series();
        for (int i = 0; i < series.size(); i++) {
            String color = COLORS[i % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (Point p : series.get(i).points()) {
                double px = LEFT + plotW * p.x() / xMax;
                double py = TOP + plotH - plotH * p.y() / yMax;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                if (series.get(i).points().size() <= 12) {
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, color));
                }
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.8\" stroke=\"").append(color).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>\n");
            int ly = TOP + 10 + i * 18;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    LEFT + plotW + 12, ly, LEFT + plotW + 30, ly, color));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotW + 36, ly + 4,
                    escape(series.get(i).name())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^n at or above {@code v}. */
    static double niceCeil(double v) {
        if (v <= 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v * 0.9999) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
