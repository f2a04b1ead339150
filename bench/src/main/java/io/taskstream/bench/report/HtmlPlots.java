package io.taskstream.bench.report;

import static io.taskstream.bench.report.SvgChart.escape;

/** plots.html: one self-contained page (inline SVG, no scripts) with every scenario's charts. */
public final class HtmlPlots {

    private HtmlPlots() {
    }

    public static String render(RunReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Taskstream bench ")
                .append(escape(report.startedAt())).append("</title>\n<style>body{font-family:sans-serif;margin:24px;max-width:1000px}"
                        + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                        + ".no{color:#b00;font-weight:bold}.yes{color:#070}svg{display:block;margin:12px 0 24px}</style>\n</head><body>\n");
        html.append("<h1>Taskstream bench — ").append(escape(report.startedAt())).append(" (").append(escape(report.mode()))
                .append(")</h1>\n<p>").append(report.targetsMet()).append(" of ").append(report.targets())
                .append(" targets met. Every raw limit was measured in the same run on this machine (")
                .append(report.environment().cores()).append(" cores, load average at start ")
                .append(escape(report.environment().loadAverageAtStart())).append(").</p>\n");
        html.append("<table><tr><th>scenario</th><th>figure</th><th>value</th><th>raw limit</th><th>ratio</th><th>target</th><th>met</th></tr>\n");
        for (ScenarioResult s : report.scenarios()) {
            for (Figure f : s.figures()) {
                html.append("<tr><td>").append(escape(s.title())).append("</td><td>").append(escape(f.metric()))
                        .append("</td><td>").append(escape(Numbers.withUnit(f.value(), f.unit()))).append("</td><td>")
                        .append(f.raw() == null ? "—" : escape(Numbers.withUnit(f.raw(), f.unit()) + " (" + f.rawName() + ")"))
                        .append("</td><td>").append(Numbers.ratio(f.ratio())).append("</td><td>")
                        .append(f.target() == null ? "—" : escape(f.target())).append("</td><td class=\"")
                        .append(f.met() == null ? "" : f.met() ? "yes" : "no").append("\">")
                        .append(f.met() == null ? "—" : f.met() ? "yes" : "no").append("</td></tr>\n");
            }
            if (!s.ok()) {
                html.append("<tr><td>").append(escape(s.title())).append("</td><td colspan=\"6\" class=\"no\">failed: ")
                        .append(escape(s.error())).append("</td></tr>\n");
            }
        }
        html.append("</table>\n");
        for (ScenarioResult s : report.scenarios()) {
            if (s.charts().isEmpty()) {
                continue;
            }
            html.append("<h2>").append(escape(s.title())).append("</h2>\n");
            s.charts().forEach(c -> html.append(SvgChart.render(c)));
        }
        return html.append("</body></html>\n").toString();
    }
}
