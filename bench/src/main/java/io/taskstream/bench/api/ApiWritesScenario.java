package io.taskstream.bench.api;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Quiesce;
import io.taskstream.bench.StackWarmup;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.bench.load.ClosedLoop;
import io.taskstream.bench.load.LoadResult;
import io.taskstream.bench.load.OpenLoop;
import io.taskstream.bench.report.Chart;
import io.taskstream.bench.report.Figure;
import io.taskstream.bench.report.Point;
import io.taskstream.bench.report.Series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task creation through the API against raw PostgreSQL doing the same writes: saturation by a
 * closed loop per worker count, then constant-rate phases at 25/50/75% of the best saturation rate; the CPU
 * every process of the stack spent per create in the best saturation run.
 */
public final class ApiWritesScenario implements Scenario {

    private static final int USERS = 16;

    @Override
    public String id() {
        return "api";
    }

    @Override
    public String title() {
        return "API writes";
    }

    @Override
    public void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception {
        out.method("Closed loop: N workers (a plain-socket HTTP/1.1 keep-alive connection each, " + USERS + " users in turn) each send "
                + "POST /tasks back to back for " + profile.apiSaturation().toSeconds() + " s, N in " + profile.apiWorkers()
                + "; the best N is the saturation rate. Warm-up of " + profile.warmup().toSeconds() + " s first, not counted.");
        out.method("Raw limit: the same N threads, one JDBC connection each, doing what a create does in api-service's "
                + "database (task row + two outbox rows with the same encoded events, one transaction) into LIKE-copies of "
                + "public.task and messaging.outbox_message (schema bench_raw, NOTIFY trigger included). Measured first, "
                + "on an idle pipeline.");
        out.method("Latency: open loop at 25/50/75% of the API's saturation rate for " + profile.apiRatePhase().toSeconds()
                + " s each, measured from each request's intended send time (no coordinated omission); raw PostgreSQL at "
                + "the same rates through a pool of N connections, the API through a pool of N HTTP connections. The API's events are relayed and consumed by every "
                + "service during its phases (the real system); the pipeline is drained before each phase.");
        out.method(StackCpu.METHOD);
        String quiet = Quiesce.await(stack, id(), profile.quiesceTimeout());
        out.method("Before the raw phases: " + quiet + ". " + StackWarmup.run(stack, profile, id()) + ".");
        RawTaskWrites raw = RawTaskWrites.prepare(stack);
        TaskCreateCalls api = new TaskCreateCalls(stack, "bench-api", USERS, 1);
        int firstN = profile.apiWorkers().get(0);
        say("raw PostgreSQL warm-up %d s", profile.warmup().toSeconds());
        ClosedLoop.run("raw warm-up", firstN, profile.warmup(), raw::worker);
        Map<Integer, LoadResult> rawSaturation = new LinkedHashMap<>();
        for (int n : profile.apiWorkers()) {
            LoadResult r = ClosedLoop.run("raw PostgreSQL, closed loop", n, profile.apiSaturation(), raw::worker);
            report(out, r);
            rawSaturation.put(n, r);
        }
        Quiesce.await(stack, id(), profile.quiesceTimeout());
        say("API warm-up %d s", profile.warmup().toSeconds());
        ClosedLoop.run("API warm-up", firstN, profile.warmup(), api::worker);
        StackCpu cpu = new StackCpu(stack);
        LoadResult best = null;
        Map<String, Double> bestCpuBefore = null;
        Map<String, Double> bestCpuAfter = null;
        for (int n : profile.apiWorkers()) {
            Quiesce.await(stack, id(), profile.quiesceTimeout());
            Map<String, Double> cpuBefore = cpu.sample();
            LoadResult r = ClosedLoop.run("API, closed loop", n, profile.apiSaturation(), api::worker);
            Map<String, Double> cpuAfter = cpu.sample();
            report(out, r);
            if (best == null || r.throughput() > best.throughput()) {
                best = r;
                bestCpuBefore = cpuBefore;
                bestCpuAfter = cpuAfter;
            }
        }
        if (best.completed() == 0) {
            throw new IllegalStateException("no task was created; first error: " + best.firstError());
        }
        LoadResult rawBest = rawSaturation.get(best.concurrency());
        out.figure(Figure.atLeastRatio("task creates/s at saturation (" + best.concurrency() + " workers)",
                best.throughput(), "req/s", rawBest.throughput(), "raw PostgreSQL, same writes, same concurrency", 0.60));
        CpuPerCreate perCreate = CpuPerCreate.of(bestCpuBefore, bestCpuAfter, best.completed());
        int cores = Runtime.getRuntime().availableProcessors();
        say("CPU per create at saturation (%d workers): %s", best.concurrency(), perCreate.summary(cores));
        perCreate.figures(cores).forEach(out::figure);
        out.chart(new Chart("Throughput over time at saturation (" + best.concurrency() + " workers)", "seconds", "per second",
                List.of(new Series("API creates/s", best.timeline()), new Series("raw PostgreSQL tx/s", rawBest.timeline()))));
        try (TaskCreateCalls pooled = new TaskCreateCalls(stack, "bench-api", USERS, best.concurrency())) {
            latencyPhases(stack, profile, out, pooled, raw, best);
        }
    }

    private void latencyPhases(BenchStack stack, Profile profile, ScenarioOutput out, TaskCreateCalls api,
                               RawTaskWrites raw, LoadResult saturation) throws Exception {
        Map<String, List<Point>> lines = new LinkedHashMap<>();
        for (String name : List.of("API p50", "API p99", "raw p50", "raw p99")) {
            lines.put(name, new ArrayList<>());
        }
        Duration drain = Duration.ofSeconds(30);
        for (int percent : new int[]{25, 50, 75}) {
            double rate = saturation.throughput() * percent / 100.0;
            Quiesce.await(stack, id(), profile.quiesceTimeout());
            LoadResult a = OpenLoop.run("API at " + percent + "%", rate, profile.apiRatePhase(), 2_000, drain,
                    intended -> api.createAsync());
            report(out, a);
            Quiesce.await(stack, id(), profile.quiesceTimeout());
            LoadResult r;
            try (RawWritePool pool = new RawWritePool(raw, saturation.concurrency())) {
                r = OpenLoop.run("raw PostgreSQL at " + percent + "%", rate, profile.apiRatePhase(), 2_000, drain, pool);
            }
            report(out, r);
            String at = " at " + percent + "% of saturation (" + Math.round(rate) + "/s)";
            String rawName = "raw PostgreSQL at the same rate";
            out.figure(Figure.info("p50 latency" + at, a.latency().p50(), "ms", r.latency().p50(), rawName));
            out.figure(Figure.info("p99 latency" + at, a.latency().p99(), "ms", r.latency().p99(), rawName));
            lines.get("API p50").add(new Point(rate, a.latency().p50()));
            lines.get("API p99").add(new Point(rate, a.latency().p99()));
            lines.get("raw p50").add(new Point(rate, r.latency().p50()));
            lines.get("raw p99").add(new Point(rate, r.latency().p99()));
        }
        out.chart(new Chart("Latency percentiles over load (open loop)", "offered creates/s", "latency ms",
                lines.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue())).toList()));
    }

    private void report(ScenarioOutput out, LoadResult r) {
        out.phase(r);
        say("%s%s: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors%s", r.name(),
                r.offeredPerSecond() == null ? " (" + r.concurrency() + " workers)" : String.format(" (offered %.0f/s)", r.offeredPerSecond()),
                r.throughput(), r.latency().p50(), r.latency().p99(), r.errors(),
                r.firstError() == null ? "" : " (first: " + r.firstError() + ")");
    }

    private void say(String format, Object... args) {
        Progress.say(id(), format, args);
    }
}
