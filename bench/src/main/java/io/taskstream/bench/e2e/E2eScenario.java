package io.taskstream.bench.e2e;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Quiesce;
import io.taskstream.bench.StackWarmup;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.bench.TaskEventSamples;
import io.taskstream.bench.api.TaskCreateCalls;
import io.taskstream.bench.load.Latencies;
import io.taskstream.bench.load.LoadResult;
import io.taskstream.bench.load.OpenLoop;
import io.taskstream.bench.load.Timeline;
import io.taskstream.bench.report.Chart;
import io.taskstream.bench.report.Figure;
import io.taskstream.bench.report.Series;
import io.taskstream.localstack.infra.EmbeddedKafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP 201 of a task creation → its update frame at the user's WebSocket, at a fixed rate, everything on this machine. */
public final class E2eScenario implements Scenario {

    private static final String USER = "bench-e2e-0";
    /** Two seconds' worth at 500/s: beyond it a request is not sent but counted as an error (bounded load). */
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final int CONNECTIONS = 64;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Override
    public String id() {
        return "e2e";
    }

    @Override
    public String title() {
        return "End-to-end";
    }

    @Override
    public void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception {
        double rate = profile.e2eRate();
        out.method("One user's JDK WebSocket client on websocket-service's /ws/updates (token as access_token); POST /tasks "
                + "as that user (plain-socket HTTP/1.1 keep-alive, up to " + CONNECTIONS + " connections) at a constant " + Math.round(rate) + "/s for " + profile.e2eDuration().toSeconds() + " s (open loop, "
                + "after a " + profile.warmup().toSeconds() + " s warm-up at the same rate). Latency = arrival of the task's "
                + "'created' update frame − arrival of its HTTP 201 (both System.nanoTime() in the bench JVM); a frame that "
                + "beats its 201 counts as 0. Path: api-service (task + outbox commit) → NOTIFY → relay → Kafka task-updates "
                + "→ websocket-service → socket, with audit-service and recurring-service consuming task-events alongside.");
        out.method("Raw limit: one Kafka hop on the same broker at the same rate (producer with the relay's settings → a "
                + "consumer in the bench JVM), " + profile.rawRoundTrip().toSeconds() + " s, latency from the intended send time.");
        out.method("Before: " + Quiesce.await(stack, id(), profile.quiesceTimeout()) + ". " + StackWarmup.run(stack, profile, id()) + ".");
        String topic = "bench.roundtrip";
        EmbeddedKafka.createTopics(stack.bootstrapServers(), List.of(topic), BenchStack.PARTITIONS);
        Latencies raw = RawRoundTrip.run(stack.bootstrapServers(), topic, BenchStack.PARTITIONS, rate, profile.rawRoundTrip(),
                TaskEventSamples.created(USER).boardJson());
        Progress.say(id(), "raw Kafka hop: p50 %.2f ms, p99 %.2f ms (%d records)", raw.percentileMillis(50),
                raw.percentileMillis(99), raw.count());
        UpdateSocket socket = UpdateSocket.open(stack, USER);
        try (TaskCreateCalls api = new TaskCreateCalls(stack, "bench-e2e", 1, CONNECTIONS)) {
            Map<String, long[]> created = new ConcurrentHashMap<>();
            Progress.say(id(), "warm-up %d s at %.0f/s", profile.warmup().toSeconds(), rate);
            OpenLoop.run("warm-up", rate, profile.warmup(), MAX_IN_FLIGHT, Duration.ofSeconds(30), i -> api.createAsync());
            Progress.say(id(), "measuring %d s at %.0f/s", profile.e2eDuration().toSeconds(), rate);
            LoadResult load = OpenLoop.run("API creates (intended send → 201)", rate, profile.e2eDuration(), MAX_IN_FLIGHT,
                    Duration.ofSeconds(30), intended -> api.createAsync().thenAccept(response -> {
                        long now = System.nanoTime();
                        Matcher m = ID.matcher(response.body());
                        if (!m.find()) {
                            throw new IllegalStateException("no task id in the 201 body");
                        }
                        created.put(m.group(1), new long[]{intended, now});
                    }));
            out.phase(load);
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < waitUntil && created.keySet().stream().anyMatch(id -> socket.arrival(id) == null)) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            Latencies e2e = new Latencies();
            Latencies sendToFrame = new Latencies();
            long missing = 0;
            long frameFirst = 0;
            long start = created.values().stream().mapToLong(t -> t[0]).min().orElse(System.nanoTime());
            Timeline frames = new Timeline(start, 250, profile.e2eDuration().toSeconds() + 60);
            long lastArrival = start;
            for (var entry : created.entrySet()) {
                Long arrival = socket.arrival(entry.getKey());
                if (arrival == null) {
                    missing++;
                    continue;
                }
                frames.count(arrival);
                lastArrival = Math.max(lastArrival, arrival);
                long latency = arrival - entry.getValue()[1];
                frameFirst += latency < 0 ? 1 : 0;
                e2e.recordNanos(Math.max(0, latency));
                sendToFrame.recordNanos(arrival - entry.getValue()[0]);
            }
            if (e2e.count() == 0) {
                throw new IllegalStateException("no update frame arrived for " + created.size() + " created tasks"
                        + (socket.problem() == null ? "" : "; " + socket.problem()) + "; first HTTP error: " + load.firstError());
            }
            String rawName = "raw Kafka hop, same broker and rate";
            out.figure(Figure.atMost("p50, HTTP 201 → WebSocket frame", e2e.percentileMillis(50), "ms", raw.percentileMillis(50), rawName, 10));
            out.figure(Figure.atMost("p99, HTTP 201 → WebSocket frame", e2e.percentileMillis(99), "ms", raw.percentileMillis(99), rawName, 50));
            out.figure(Figure.info("p99.9, HTTP 201 → WebSocket frame", e2e.percentileMillis(99.9), "ms", raw.percentileMillis(99.9), rawName));
            out.figure(Figure.info("p99, intended send → WebSocket frame", sendToFrame.percentileMillis(99), "ms", null, null));
            out.figure(Figure.info("creates answered 201 per second (offered " + Math.round(rate) + "/s)", load.throughput(),
                    "req/s", rate, "offered rate"));
            out.figure(Figure.info("frames never received (of " + created.size() + ")", missing, "frames", null, null));
            out.method("Measured " + e2e.count() + " frames of " + created.size() + " created tasks; " + missing + " missing after "
                    + "15 s; " + frameFirst + " arrived before their 201; requests failed or not sent (more than " + MAX_IN_FLIGHT
                    + " in flight): " + load.errors() + (load.firstError() == null ? "" : " (first: " + load.firstError() + ")")
                    + (socket.problem() == null ? "" : "; socket: " + socket.problem()) + ".");
            out.chart(new Chart("Throughput over time", "seconds", "per second",
                    List.of(new Series("HTTP 201s per second", load.timeline()),
                            new Series("update frames per second", frames.ratePerSecond(lastArrival)))));
        } finally {
            socket.close();
        }
    }
}
