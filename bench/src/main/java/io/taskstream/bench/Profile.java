package io.taskstream.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how big each phase is. {@link #quick()} is a smoke run (a few seconds a phase);
 * {@link #full()} is the real one (end-to-end 60 s), about 8–10 minutes on 2 cores.
 */
public record Profile(String name, Duration warmup, List<Integer> apiWorkers, Duration apiSaturation,
                      Duration apiRatePhase, int relayRows, int auditWarmupEvents, int auditEvents, double e2eRate, Duration e2eDuration,
                      Duration rawRoundTrip, Duration settle, Duration quiesceTimeout, Duration scenarioTimeout) {

    public static Profile quick() {
        return new Profile("quick", Duration.ofSeconds(3), List.of(16), Duration.ofSeconds(5), Duration.ofSeconds(4),
                20_000, 2_500, 5_000, 500, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(60), Duration.ofMinutes(4));
    }

    public static Profile full() {
        return new Profile("full", Duration.ofSeconds(5), List.of(8, 16, 32), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 100_000, 10_000, 30_000, 500, Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofMinutes(6));
    }
}
