package io.taskstream.bench.report;

import java.nio.file.Path;
import java.util.Locale;

/** The figures once more at the end of the run, on standard output. */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    public static void print(RunReport report, Path dir) {
        StringBuilder out = new StringBuilder("\n");
        for (ScenarioResult s : report.scenarios()) {
            out.append(s.title()).append(s.ok() ? "" : "  FAILED: " + s.error()).append('\n');
            for (Figure f : s.figures()) {
                out.append(String.format(Locale.ROOT, "  %-60s %12s  raw %-22s ratio %-6s %s%n", f.metric(),
                        Numbers.withUnit(f.value(), f.unit()), f.raw() == null ? "—" : Numbers.withUnit(f.raw(), f.unit()),
                        Numbers.ratio(f.ratio()), f.met() == null ? "" : (f.met() ? "met: " : "NOT met: ") + f.target()));
            }
        }
        out.append(String.format(Locale.ROOT, "%n%d of %d targets met; %s%nresults: %s%n", report.targetsMet(),
                report.targets(), report.allOk() ? "every scenario completed" : "SOME SCENARIOS FAILED", dir));
        System.out.print(out);
        System.out.flush();
    }
}
