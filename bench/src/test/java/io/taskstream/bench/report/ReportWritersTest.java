package io.taskstream.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWritersTest {

    private static RunReport report() {
        Figure api = Figure.atLeastRatio("task creates/s at saturation", 1200, "req/s", 2000, "raw PostgreSQL", 0.60);
        Figure p50 = Figure.atMost("p50", 12.5, "ms", 2.5, "raw hop", 10);
        Figure rss = Figure.info("idle RSS", 180, "MiB", null, null);
        Chart chart = new Chart("Throughput <over> time", "seconds", "per second",
                List.of(new Series("API", List.of(new Point(0.25, 1000), new Point(0.5, 1200)))));
        Phase phase = new Phase("API, closed loop", null, 16, 6000, 2, "HTTP 500", 5.0, 1200, 10, 15, 30, 45, 60);
        ScenarioResult ok = new ScenarioResult("api", "API writes", "ok", null, 42.0, List.of("closed loop"),
                List.of(api), List.of(phase), List.of(chart));
        ScenarioResult e2e = new ScenarioResult("e2e", "End-to-end", "ok", null, 20.0, List.of(), List.of(p50, rss),
                List.of(), List.of());
        ScenarioResult failed = new ScenarioResult("audit", "Audit ingestion", "failed", "boom `x`", 3.0, List.of(),
                List.of(), List.of(), List.of());
        Environment env = new Environment(2, "Linux", "17", "1.0 / 1.0 / 1.0", "SHA-256 1,000 MB/s", "17 fsync=on", "Kafka 3.9.1",
                "Java 25", List.of("-Xmx512m"), "loopback");
        return new RunReport("2025-01-02T03:04:05", "quick", 99.5, env, List.of(ok, e2e, failed));
    }

    @Test
    void figuresCarryRatioAndVerdict() {
        RunReport r = report();
        Figure api = r.scenarios().get(0).figures().get(0);
        assertThat(api.ratio()).isEqualTo(0.6);
        assertThat(api.met()).isTrue();
        assertThat(api.target()).isEqualTo("≥ 60% of raw");
        Figure p50 = r.scenarios().get(1).figures().get(0);
        assertThat(p50.met()).isFalse();
        assertThat(p50.target()).isEqualTo("≤ 10 ms");
        assertThat(r.targets()).isEqualTo(2);
        assertThat(r.targetsMet()).isEqualTo(1);
        assertThat(r.allOk()).isFalse();
    }

    @Test
    void markdownHasTheSummaryTableAndEachScenario() {
        String md = MarkdownReport.render(report());
        assertThat(md).startsWith("# Taskstream bench — 2025-01-02T03:04:05 (quick)");
        assertThat(md).contains("**1 of 2 targets met.** Failed scenarios: audit.");
        assertThat(md).contains("CPU reference: SHA-256 1,000 MB/s.");
        assertThat(md).contains("| scenario | figure | value | raw limit (same run) | ratio | target | met |");
        assertThat(md).contains("| API writes | task creates/s at saturation | 1,200 req/s | 2,000 req/s (raw PostgreSQL) | 60% | ≥ 60% of raw | yes |");
        assertThat(md).contains("| End-to-end | p50 | 12.5 ms | 2.50 ms (raw hop) | 5.0× | ≤ 10 ms | **no** |");
        assertThat(md).contains("| End-to-end | idle RSS | 180 MiB | — | — | — | — |");
        assertThat(md).contains("## Audit ingestion — failed (3.00 s)").contains("**Failed:** `boom 'x'`");
        assertThat(md).contains("| API, closed loop | — | 16 | 6000 | 2 | 1,200 | 10.0 | 15.0 | 30.0 | 45.0 | 60.0 |");
        assertThat(md).contains("First error in API, closed loop: `HTTP 500`");
    }

    @Test
    void jsonHasVerdictsOnTopAndEveryNumber() throws Exception {
        JsonNode json = JsonReport.mapper().readTree(JsonReport.render(report()));
        assertThat(json.get("all_ok").asBoolean()).isFalse();
        assertThat(json.get("targets").asInt()).isEqualTo(2);
        assertThat(json.get("targets_met").asInt()).isEqualTo(1);
        JsonNode api = json.at("/report/scenarios/0");
        assertThat(api.get("id").asText()).isEqualTo("api");
        assertThat(api.at("/figures/0/value").asDouble()).isEqualTo(1200);
        assertThat(api.at("/figures/0/raw").asDouble()).isEqualTo(2000);
        assertThat(api.at("/figures/0/ratio").asDouble()).isEqualTo(0.6);
        assertThat(api.at("/figures/0/met").asBoolean()).isTrue();
        assertThat(api.at("/phases/0/p99").asDouble()).isEqualTo(30);
        assertThat(api.at("/charts/0/series/0/points/1/y").asDouble()).isEqualTo(1200);
        assertThat(json.at("/report/scenarios/1/figures/1/raw").isNull()).isTrue();
        assertThat(json.at("/report/scenarios/2/error").asText()).isEqualTo("boom `x`");
    }

    @Test
    void plotsAreSelfContainedSvgWithoutScripts(@TempDir Path tmp) throws Exception {
        Path dir = ReportFiles.newRunFolder(tmp, LocalDateTime.of(2025, 1, 2, 3, 4));
        assertThat(dir.getFileName().toString()).isEqualTo("2025-01-02-0304");
        assertThat(ReportFiles.newRunFolder(tmp, LocalDateTime.of(2025, 1, 2, 3, 4)).getFileName().toString())
                .isEqualTo("2025-01-02-0304-2");
        ReportFiles.write(report(), dir);
        assertThat(dir.resolve("results.md")).exists();
        assertThat(dir.resolve("results.json")).exists();
        String html = Files.readString(dir.resolve("plots.html"));
        assertThat(html).contains("<svg").contains("<polyline").contains("Throughput &lt;over&gt; time");
        assertThat(html).doesNotContain("<script").doesNotContain("src=\"http");
    }

    @Test
    void axesEndOnRoundNumbers() {
        assertThat(SvgChart.niceCeil(0)).isEqualTo(1);
        assertThat(SvgChart.niceCeil(7)).isEqualTo(10);
        assertThat(SvgChart.niceCeil(1234)).isEqualTo(2000);
        assertThat(SvgChart.niceCeil(2400)).isEqualTo(2500);
        assertThat(SvgChart.niceCeil(0.042)).isEqualTo(0.05);
    }
}
