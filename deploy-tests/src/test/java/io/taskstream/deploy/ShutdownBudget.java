package io.taskstream.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a service may need after SIGTERM, from its sources, as the steps run one after the other: Micronaut's
 * graceful-shutdown grace period when {@code micronaut.lifecycle.graceful-shutdown.enabled} (default 15 s: requests
 * in flight), then shared-messaging's wait for scheduled jobs in progress ({@code taskstream.scheduling.shutdown-wait},
 * default 5 s), then, as beans close, the longest {@code delivery.timeout.ms} of a producer in its code or the
 * modules it runs with (a producer flush on close waits at most that long).
 */
final class ShutdownBudget {

    private static final Pattern DELIVERY_TIMEOUT = Pattern.compile("DELIVERY_TIMEOUT_MS_CONFIG\\s*,\\s*value\\s*=\\s*\"(\\d+)\"");

    private ShutdownBudget() {
    }

    static Duration of(String service) {
        ServiceConfig config = ServiceConfig.of(service);
        Duration budget = Duration.ZERO;
        if ("true".equals(config.value("micronaut.lifecycle.graceful-shutdown.enabled"))) {
            String grace = config.value("micronaut.lifecycle.graceful-shutdown.grace-period");
            budget = grace == null ? Duration.ofSeconds(15) : parse(grace);
        }
        Set<String> modules = new LinkedHashSet<>();
        modules.add(service);
        modules.addAll(ServicePom.of(Repo.ROOT.resolve(service)).taskstreamDependencies());
        Duration flush = Duration.ZERO;
        for (String module : modules) {
            for (Path file : Repo.files(Repo.ROOT.resolve(module).resolve("src/main/java"), ".java")) {
                Matcher m = DELIVERY_TIMEOUT.matcher(Repo.read(file));
                while (m.find()) {
                    Duration timeout = Duration.ofMillis(Long.parseLong(m.group(1)));
                    flush = timeout.compareTo(flush) > 0 ? timeout : flush;
                }
            }
        }
        budget = budget.plus(flush);
        if (modules.contains("shared-messaging")) {
            String wait = config.value("taskstream.scheduling.shutdown-wait");
            budget = budget.plus(wait == null ? Duration.ofSeconds(5) : parse(wait));
        }
        return budget;
    }

    /** Micronaut durations: 15s, 2m, 500ms, or ISO-8601 (PT15S). */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(text.trim());
        }
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
