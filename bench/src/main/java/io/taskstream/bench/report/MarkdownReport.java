package io.taskstream.bench.report;

import java.util.List;
import java.util.stream.Collectors;

import static io.taskstream.bench.report.Numbers.format;
import static io.taskstream.bench.report.Numbers.optional;
import static io.taskstream.bench.report.Numbers.withUnit;

/** results.md: a summary table of every figure against its raw limit and target, then each scenario's method and phases. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(RunReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Taskstream bench — ").append(report.startedAt()).append(" (").append(report.mode()).append(")\n\n");
        List<String> failed = report.scenarios().stream().filter(s -> !s.ok()).map(ScenarioResult::id).toList();
        md.append("**").append(report.targetsMet()).append(" of ").append(report.targets()).append(" targets met.** ")
                .append(failed.isEmpty() ? "Every scenario completed." : "Failed scenarios: " + String.join(", ", failed) + ".")
                .append(" Run time ").append(format(report.seconds())).append(" s.\n\n");
        Environment env = report.environment();
        md.append("Measured on ").append(env.cores()).append(" cores, ").append(env.os()).append(", Java ").append(env.java())
                .append("; load average at start ").append(env.loadAverageAtStart()).append(".\n")
                .append("CPU reference: ").append(env.cpuReference()).append(".\n")
                .append("PostgreSQL: ").append(env.postgres()).append(". Kafka: ").append(env.kafka()).append(".\n")
                .append("Service JVMs: ").append(env.serviceJava()).append(", `")
                .append(String.join(" ", env.serviceJvmOptions())).append("`. ")
                .append(env.note()).append("\n\n");
        md.append("## Summary\n\n");
        md.append("| scenario | figure | value | raw limit (same run) | ratio | target | met |\n");
        md.append("|---|---|---:|---|---:|---|---|\n");
        for (ScenarioResult s : report.scenarios()) {
            if (s.figures().isEmpty()) {
                md.append("| ").append(s.title()).append(" | ").append(s.ok() ? "(no figures)" : "**failed**")
                        .append(" | — | — | — | — | — |\n");
            }
            for (Figure f : s.figures()) {
                md.append("| ").append(s.title()).append(" | ").append(f.metric()).append(" | ")
                        .append(withUnit(f.value(), f.unit())).append(" | ")
                        .append(f.raw() == null ? "—" : withUnit(f.raw(), f.unit()) + " (" + f.rawName() + ")")
                        .append(" | ").append(Numbers.ratio(f.ratio())).append(" | ")
                        .append(f.target() == null ? "—" : f.target()).append(" | ").append(Numbers.met(f.met())).append(" |\n");
            }
        }
        md.append("\nRatio = value / raw limit. Plots: [plots.html](plots.html); every number: [results.json](results.json).\n");
        for (ScenarioResult s : report.scenarios()) {
            scenario(md, s);
        }
        return md.toString();
    }

    private static void scenario(StringBuilder md, ScenarioResult s) {
        md.append("\n## ").append(s.title()).append(" — ").append(s.status()).append(" (").append(format(s.seconds()))
                .append(" s)\n\n");
        if (s.error() != null) {
            md.append("**Failed:** `").append(s.error().replace('`', '\'').replace('\n', ' ')).append("`\n\n");
        }
        if (!s.method().isEmpty()) {
            md.append(s.method().stream().map(m -> "- " + m).collect(Collectors.joining("\n"))).append("\n\n");
        }
        if (!s.phases().isEmpty()) {
            md.append("| phase | offered/s | workers | done | errors | achieved/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Phase p : s.phases()) {
                md.append("| ").append(p.name()).append(" | ").append(optional(p.offeredPerSecond())).append(" | ")
                        .append(p.concurrency() == 0 ? "—" : p.concurrency()).append(" | ").append(p.completed())
                        .append(" | ").append(p.errors()).append(" | ").append(format(p.throughput())).append(" | ")
                        .append(format(p.p50())).append(" | ").append(format(p.p90())).append(" | ")
                        .append(format(p.p99())).append(" | ").append(format(p.p999())).append(" | ")
                        .append(format(p.max())).append(" |\n");
            }
            s.phases().stream().filter(p -> p.firstError() != null).forEach(p ->
                    md.append("\nFirst error in ").append(p.name()).append(": `")
                            .append(p.firstError().replace('`', '\'').replace('\n', ' ')).append("`\n"));
        }
    }
}
