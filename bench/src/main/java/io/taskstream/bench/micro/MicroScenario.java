package io.taskstream.bench.micro;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The in-process hot paths that fit a micro-benchmark, run with JMH in one forked JVM (the services'
 * heap and GC flags) before the stack starts, so nothing else is using the cores.
 */
public final class MicroScenario implements Scenario {

    @Override
    public String id() {
        return "micro";
    }

    @Override
    public String title() {
        return "Micro-benchmarks (JMH): the event codec";
    }

    @Override
    public boolean needsStack() {
        return false;
    }

    @Override
    public void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception {
        Profile.Micro micro = profile.micro();
        out.method("JMH " + Version.getPlainVersion()
                + ", 1 fork (-Xmx512m -XX:+UseSerialGC, as the services), 1 thread, throughput mode; "
                + micro.warmupIterations() + " × " + micro.iteration().toSeconds() + " s warm-up then "
                + micro.iterations() + " × " + micro.iteration().toSeconds()
                + " s measured; the figure is the mean ± the 99.9% confidence half-width JMH reports.");
        out.method("EventCodecBenchmark: a task.created envelope exactly as api-service writes it (bench's "
                + "TaskEventSamples). Raw limit: Jackson (databind) parsing the same bytes into a tree, and "
                + "writing that tree back: the floor of any JSON codec for these bytes. The codec also maps "
                + "to typed records, checks envelope and required fields and upcasts.");
        Options options = new OptionsBuilder()
                .include(EventCodecBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .forks(1)
                .threads(1)
                .jvmArgs("-Xmx512m", "-XX:+UseSerialGC")
                .warmupIterations(micro.warmupIterations())
                .warmupTime(TimeValue.seconds(micro.iteration().toSeconds()))
                .measurementIterations(micro.iterations())
                .measurementTime(TimeValue.seconds(micro.iteration().toSeconds()))
                .mode(org.openjdk.jmh.annotations.Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .verbosity(VerboseMode.SILENT)
                .build();
        long benchmarks = Arrays.stream(EventCodecBenchmark.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class)).count();
        long seconds = benchmarks * (micro.warmupIterations() + micro.iterations()) * micro.iteration().toSeconds();
        Progress.say(id(), "%d benchmarks in a forked JVM, about %d s", benchmarks, seconds);
        Map<String, CodecScores.Score> scores = new LinkedHashMap<>();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            var primary = r.getPrimaryResult();
            scores.put(label.substring(label.lastIndexOf('.') + 1),
                    new CodecScores.Score(primary.getScore(), primary.getScoreError()));
        }
        CodecScores.figures(scores).forEach(out::figure);
    }
}
