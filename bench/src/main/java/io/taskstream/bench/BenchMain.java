package io.taskstream.bench;

import io.taskstream.bench.api.ApiWritesScenario;
import io.taskstream.bench.audit.AuditScenario;
import io.taskstream.bench.e2e.E2eScenario;
import io.taskstream.bench.fanout.FanoutScenario;
import io.taskstream.bench.micro.MicroScenario;
import io.taskstream.bench.relay.RelayScenario;
import io.taskstream.bench.report.ConsoleSummary;
import io.taskstream.bench.report.ReportFiles;
import io.taskstream.bench.report.RunReport;
import io.taskstream.bench.report.ScenarioResult;
import io.taskstream.bench.startup.StartupScenario;
import io.taskstream.localstack.launcher.LocalStackConfig;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code ./taskstream bench}: starts the local stack, runs the selected scenarios, writes the results folder. */
public final class BenchMain {

    private static final List<Scenario> ALL = List.of(new MicroScenario(), new StartupScenario(), new ApiWritesScenario(),
            new RelayScenario(), new AuditScenario(), new E2eScenario(), new FanoutScenario());

    private final BenchOptions options;
    private final Profile profile;

    private BenchMain(BenchOptions options) {
        this.options = options;
        this.profile = options.quick() ? Profile.quick() : Profile.full();
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        System.exit(new BenchMain(options).run());
    }

    private int run() throws Exception {
        Path repoRoot = LocalStackConfig.findRepoRoot(Path.of("").toAbsolutePath());
        Path outRoot = options.out() != null ? options.out() : repoRoot.resolve("bench").resolve("results");
        LocalDateTime startedAt = LocalDateTime.now();
        long start = System.nanoTime();
        String loadAverage = Machine.loadAverage();
        CpuReference.Reading cpuAtStart = CpuReference.readInFreshJvm();
        List<Scenario> selected = ALL.stream().filter(s -> options.selected(s.id())).toList();
        Progress.say("bench", "%s run of %s; load average %s; CPU reference: SHA-256 %.0f MB/s, JSON %.0f/s (one thread)",
                profile.name(), selected.stream().map(Scenario::id).toList(), loadAverage,
                cpuAtStart.shaMegabytesPerSecond(), cpuAtStart.jsonRoundTripsPerSecond());
        List<ScenarioResult> results = new ArrayList<>();
        // What needs no stack runs first, on otherwise idle cores.
        for (Scenario scenario : selected.stream().filter(s -> !s.needsStack()).toList()) {
            results.add(runOne(scenario, null));
        }
        List<Scenario> onStack = selected.stream().filter(Scenario::needsStack).toList();
        String postgres = "not started";
        BenchStack stack = null;
        try {
            if (!onStack.isEmpty()) {
                Progress.say("bench", "starting the local stack: PostgreSQL, Kafka, five services ...");
                long stackStart = System.nanoTime();
                stack = BenchStack.start(repoRoot);
                BenchStack started = stack;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> started.close(true)));
                Progress.say("bench", "stack up in %.1f s (data and logs in %s)", Progress.secondsSince(stackStart), stack.dataDir());
                postgres = Machine.postgres(stack);
            }
            for (Scenario scenario : onStack) {
                results.add(runOne(scenario, stack));
            }
        } catch (Exception e) {
            e.printStackTrace();
            for (Scenario s : onStack.subList(results.size() - (selected.size() - onStack.size()), onStack.size())) {
                results.add(new ScenarioOutput(s.id(), s.title()).result("not run: " + describe(e), 0));
            }
        } finally {
            if (stack != null) {
                boolean keep = options.keepData() || results.stream().anyMatch(r -> !r.ok());
                Progress.say("bench", "stopping the stack%s", keep ? "; data and logs kept in " + stack.dataDir() : "");
                stack.close(keep);
            }
        }
        String cpuReference = CpuReference.describe(cpuAtStart, CpuReference.readInFreshJvm());
        RunReport report = new RunReport(startedAt.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 19),
                profile.name(), Math.round(Progress.secondsSince(start) * 10) / 10.0,
                Machine.environment(loadAverage, cpuReference, postgres), results);
        Path dir = ReportFiles.newRunFolder(outRoot, startedAt);
        ReportFiles.write(report, dir);
        ConsoleSummary.print(report, dir);
        return report.allOk() ? 0 : 1;
    }

    private ScenarioResult runOne(Scenario scenario, BenchStack stack) {
        ScenarioOutput out = new ScenarioOutput(scenario.id(), scenario.title());
        int crashesBefore = stack == null ? 0 : stack.stack().crashes().size();
        long start = System.nanoTime();
        long timeout = scenario.timeout(profile).toSeconds();
        Progress.say(scenario.id(), "start: %s (at most %d s)", scenario.title(), timeout);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "scenario-" + scenario.id());
            t.setDaemon(true);
            return t;
        });
        String error = null;
        Future<?> run = executor.submit(() -> {
            scenario.run(stack, profile, out);
            return null;
        });
        try {
            run.get(timeout, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            run.cancel(true);
            error = "timed out after " + timeout + " s";
        } catch (ExecutionException e) {
            e.getCause().printStackTrace();
            error = describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } finally {
            executor.shutdownNow();
        }
        List<String> crashes = stack == null ? List.of() : stack.stack().crashes();
        if (crashes.size() > crashesBefore) {
            String crashed = "service(s) crashed during the scenario: " + crashes.subList(crashesBefore, crashes.size())
                    + " (logs in " + stack.dataDir().resolve("logs") + ")";
            error = error == null ? crashed : error + "; " + crashed;
        }
        double seconds = Progress.secondsSince(start);
        Progress.say(scenario.id(), error == null ? "done in %.1f s" : "FAILED after %.1f s: %s", seconds, error);
        return out.result(error, seconds);
    }

    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() == null || !s.toString().contains(c.getMessage())) {
                s.append(" / caused by ").append(c);
            }
        }
        return s.length() > 2_000 ? s.substring(0, 2_000) + " …" : s.toString();
    }
}
