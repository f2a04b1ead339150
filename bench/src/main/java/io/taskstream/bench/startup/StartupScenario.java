package io.taskstream.bench.startup;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.Profile;
import io.taskstream.bench.ProcRss;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.bench.report.Figure;
import io.taskstream.localstack.launcher.ServiceJvm;
import io.taskstream.localstack.launcher.ServiceProcess;
import io.taskstream.localstack.launcher.ServiceSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Each service's time from process launch to a healthy /health, and its idle resident memory. */
public final class StartupScenario implements Scenario {

    private static final int LAUNCHES = 3;
    private static final double QUIET_IDLE = 0.85;
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(30);

    @Override
    public String id() {
        return "startup";
    }

    @Override
    public String title() {
        return "Start-up";
    }

    @Override
    public void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception {
        out.method("Each service in turn is stopped (SIGTERM) and launched again alone (`java " + String.join(" ",
                baseAnd(BenchStack.SERVICE_JVM_OPTIONS)) + " -jar`) while PostgreSQL, Kafka and the other services are up, "
                + LAUNCHES + " times; the figure is the median launch. Before each launch the bench waits until the CPUs "
                + "were " + Math.round(QUIET_IDLE * 100) + "% idle over a second (at most " + QUIET_LIMIT.toSeconds()
                + " s; the progress log shows the idle share at each launch), so a launch does not share the cores with "
                + "the previous one's JIT compilers and consumers catching up. Time "
                + "to healthy = first 200 from GET /health (polled every 10 ms) − the instant the process was started. "
                + "Database migrations are already applied (a restart, as in a rolling deploy). The services run on "
                + ServiceJvm.current() + ", as `./taskstream up` runs them, and the launcher maps the service's start-up "
                + "archive (on Java 25+ an AOT cache, `<jar>.java-<version>.aot`; before that AppCDS, `<jar>.jsa`; "
                + "recorded by the jar's first clean run; see local-stack's ClassDataSharing); TASKSTREAM_CDS=false "
                + "measures without it.");
        out.method("Idle RSS: VmRSS from /proc/<pid>/status " + profile.settle().toSeconds() + " s after it became "
                + "healthy, with no load. Raw limit: the fastest of 3 `java " + String.join(" ", baseAnd(BenchStack.SERVICE_JVM_OPTIONS))
                + " -version` runs on the services' Java, start to exit (a JVM that does nothing).");
        out.method("Also reported: each service's time to healthy in the initial full-stack start, where all five JVMs "
                + "start at once on the same cores (the launcher polls them one after the other every 200 ms: an upper bound).");
        double bare = ProcessProbe.bareJvmSeconds(BenchStack.SERVICE_JVM_OPTIONS, 3);
        Progress.say(id(), "bare JVM start to exit: %.3f s", bare);
        Map<String, Double> together = stack.initialTimesToHealthy();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            String name = spec.name();
            String healthUrl = stack.url(name) + "/health"; // while it runs: the stack knows only running services' ports
            List<Double> times = new ArrayList<>();
            Launch last = null;
            for (int launch = 1; launch <= LAUNCHES; launch++) {
                stack.stack().stop(name);
                double idle = MachineQuiet.await(QUIET_IDLE, QUIET_LIMIT);
                last = launch(stack, name, healthUrl);
                times.add(last.seconds());
                Progress.say(id(), "%s launch %d/%d: healthy in %.2f s (CPU %.0f%% idle at launch)", name, launch,
                        LAUNCHES, times.get(times.size() - 1), idle * 100);
            }
            Collections.sort(times);
            TimeUnit.MILLISECONDS.sleep(profile.settle().toMillis());
            double rss = ProcRss.mib(last.process().pid());
            out.figure(Figure.atMost(name + " time to healthy (median of " + LAUNCHES + ")", times.get(LAUNCHES / 2), "s",
                    bare, "bare JVM start to exit", 2));
            out.figure(Figure.info(name + " time to healthy, slowest of " + LAUNCHES, times.get(LAUNCHES - 1), "s", null, null));
            out.figure(Figure.info(name + " idle RSS", rss, "MiB", null, null));
            Double all = together.get(name);
            if (all != null) {
                out.figure(Figure.info(name + " time to healthy, all five starting at once", all, "s", null, null));
            }
        }
    }

    private record Launch(ServiceProcess process, double seconds) {
    }

    /** Starts the (stopped) service; returns once its /health answered 200, with the seconds that took. */
    /** The services' Java's own options (module flags on Java 24+) followed by the bench's. */
    private static List<String> baseAnd(List<String> options) {
        List<String> all = new ArrayList<>(ServiceJvm.current().baseOptions());
        all.addAll(options);
        return all;
    }

    private static Launch launch(BenchStack stack, String name, String healthUrl) throws Exception {
        CompletableFuture<Long> healthy = CompletableFuture.supplyAsync(() -> {
            try {
                return ProcessProbe.firstHealthy(healthUrl, Duration.ofSeconds(120));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1L;
            }
        });
        ServiceProcess started = stack.stack().start(name);
        long at = healthy.get(130, TimeUnit.SECONDS);
        if (at < 0) {
            throw new IllegalStateException(name + ": /health never answered 200 to the 10 ms poll");
        }
        return new Launch(started, (at - started.launchedAtNanos()) / 1e9);
    }
}
