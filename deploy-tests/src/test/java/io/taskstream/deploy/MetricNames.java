package io.taskstream.deploy;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus series of the meters the services register in their main code and the repository
 * modules they run with, by meter name. Micrometer's Prometheus naming: dots become underscores,
 * counters end in {@code _total}, timers in {@code _seconds_count/_sum/_max/_bucket}, a gauge or
 * summary with a base unit gets {@code _<unit>}.
 */
final class MetricNames {

    private static final Pattern REGISTRATION = Pattern.compile(
            "\\b(Counter|Timer|Gauge|DistributionSummary|FunctionCounter|FunctionTimer|LongTaskTimer)\\.builder\\(\\s*(\"[^\"]+\"|[A-Z_]+)"
                    + "|\\.(counter|timer|gauge|gaugeMapSize|gaugeCollectionSize|summary)\\(\\s*(\"[^\"]+\"|[A-Z_]+)");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"(\\w+)\"");

    private MetricNames() {
    }

    /** Meter name (e.g. {@code taskstream.consumer.records}) to its Prometheus series names. */
    static Map<String, Set<String>> registered() {
        Set<String> modules = new LinkedHashSet<>();
        for (String service : Repo.services()) {
            modules.add(service);
            modules.addAll(ServicePom.of(Repo.ROOT.resolve(service)).taskstreamDependencies());
        }
        Map<String, Set<String>> meters = new TreeMap<>();
        for (String module : modules) {
            for (Path file : Repo.files(Repo.ROOT.resolve(module).resolve("src/main/java"), ".java")) {
                String code = Repo.read(file);
                Matcher m = REGISTRATION.matcher(code);
                while (m.find()) {
                    String type = m.group(1) != null ? m.group(1) : m.group(3);
                    String expr = m.group(2) != null ? m.group(2) : m.group(4);
                    String name = expr.startsWith("\"") ? expr.substring(1, expr.length() - 1) : JavaSource.constant(code, expr);
                    if (name == null) {
                        throw new AssertionError(file + ": cannot resolve meter name " + expr);
                    }
                    int end = code.indexOf(';', m.end());
                    Matcher unit = BASE_UNIT.matcher(code.substring(m.end(), end < 0 ? code.length() : end));
                    meters.computeIfAbsent(name, k -> new LinkedHashSet<>())
                            .addAll(series(type, name.replace('.', '_'), unit.find() ? unit.group(1) : null));
                }
            }
        }
        return meters;
    }

    private static Set<String> series(String type, String base, String unit) {
        String withUnit = unit == null || base.endsWith("_" + unit) ? base : base + "_" + unit;
        Set<String> out = new LinkedHashSet<>();
        switch (type) {
            case "Counter", "FunctionCounter", "counter" -> out.add(base + "_total");
            case "Timer", "FunctionTimer", "timer" ->
                    Stream.of("", "_count", "_sum", "_max", "_bucket").forEach(s -> out.add(base + "_seconds" + s));
            case "LongTaskTimer" -> Stream.of("_active_count", "_duration_sum", "_max").forEach(s -> out.add(base + "_seconds" + s));
            case "DistributionSummary", "summary" ->
                    Stream.of("_count", "_sum", "_max", "_bucket").forEach(s -> out.add(withUnit + s));
            default -> out.add(withUnit);
        }
        return out;
    }
}
