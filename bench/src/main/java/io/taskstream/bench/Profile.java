package io.taskstream.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how big each phase is. {@link #quick()} is a smoke run (a few seconds a phase);
 * {@link #full()} is the real one (end-to-end 60 s), about 11 minutes on 2 cores.
 * {@code stackWarmup} is how long {@link StackWarmup} runs the pipeline before the api and e2e scenarios.
 */
public record Profile(String name, Duration warmup, List<Integer> apiWorkers, Duration apiSaturation,
                      Duration apiRatePhase, int relayRows, int auditWarmupEvents, int auditEvents, double e2eRate, Duration e2eDuration,
                      Duration rawRoundTrip, Duration settle, Duration quiesceTimeout, Duration scenarioTimeout,
                      Fanout fanout, Micro micro, Duration stackWarmup) {

    /** JMH iterations of the {@code micro} scenario, each {@code iteration} long. */
    public record Micro(int warmupIterations, int iterations, Duration iteration) {
    }

    /**
     * WebSocket fan-out sizes.
     *
     * @param connections open sockets at each memory step (capped by the processes' open-file limits)
     * @param messages    updates broadcast in the measured fan-out, at the last step's connection count
     * @param warmup      updates broadcast before it (JIT warm-up; also gives the peer its message template)
     * @param await       how long to wait for every frame of one broadcast
     * @param timeout     the scenario's time limit (it connects and measures two servers)
     */
    public record Fanout(List<Integer> connections, int messages, int warmup, Duration await, Duration timeout) {
    }

    public static Profile quick() {
        return new Profile("quick", Duration.ofSeconds(3), List.of(16), Duration.ofSeconds(5), Duration.ofSeconds(4),
                20_000, 2_500, 5_000, 500, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(60), Duration.ofMinutes(4),
                new Fanout(List.of(500, 1_000, 2_000), 200, 20, Duration.ofSeconds(60), Duration.ofMinutes(5)),
                new Micro(3, 3, Duration.ofSeconds(1)), Duration.ofSeconds(5));
    }

    public static Profile full() {
        return new Profile("full", Duration.ofSeconds(5), List.of(8, 16, 32), Duration.ofSeconds(10),
                Duration.ofSeconds(10), 100_000, 10_000, 30_000, 500, Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofMinutes(6),
                new Fanout(List.of(1_000, 5_000, 10_000, 15_000, 20_000), 100, 20, Duration.ofSeconds(120), Duration.ofMinutes(12)),
                new Micro(5, 5, Duration.ofSeconds(2)), Duration.ofSeconds(60));
    }
}
