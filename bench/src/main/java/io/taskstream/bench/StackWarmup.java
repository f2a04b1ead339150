package io.taskstream.bench;

import io.taskstream.bench.api.TaskCreateCalls;
import io.taskstream.bench.e2e.UpdateSocket;
import io.taskstream.bench.load.LoadResult;
import io.taskstream.bench.load.OpenLoop;

import java.time.Duration;

/**
 * Runs the whole pipeline before a load scenario measures it: task creates at a steady rate below
 * saturation, relayed and consumed by every service, pushed to a connected live board. Measured on
 * this machine: in a service's first minute under load its JIT compiler threads took about a third of
 * the two cores, so figures taken right after a (re)start describe the warm-up, not the system.
 */
public final class StackWarmup {

    private static final double RATE = 300;

    private StackWarmup() {
    }

    /** Returns a sentence for the scenario's method notes; the pipeline is idle again when it returns. */
    public static String run(BenchStack stack, Profile profile, String scenario) throws Exception {
        Duration duration = profile.stackWarmup();
        Progress.say(scenario, "warming the whole pipeline up: %d s at %.0f creates/s (JIT)", duration.toSeconds(), RATE);
        LoadResult load;
        long frames;
        UpdateSocket board = UpdateSocket.open(stack, "bench-warmup-0");
        try (TaskCreateCalls api = new TaskCreateCalls(stack, "bench-warmup", 1, 16)) {
            load = OpenLoop.run("pipeline warm-up", RATE, duration, 2_000, Duration.ofSeconds(30), intended -> api.createAsync());
        } finally {
            frames = board.frames();
            board.close();
        }
        String idle = Quiesce.await(stack, scenario, profile.quiesceTimeout());
        // A cold stack falls behind the fixed rate; the load then skips sends ("more than N in flight"): no harm here.
        String failures = load.errors() == 0 ? "0 failed" : load.errors() + " failed or not sent, first: " + load.firstError();
        Progress.say(scenario, "warm-up: %d creates (%s), %d frames on the board; %s", load.completed(), failures,
                frames, idle);
        return "Pipeline warm-up first, not counted: " + duration.toSeconds() + " s of creates at " + Math.round(RATE)
                + "/s through every service and a connected board (" + load.completed() + " answered 201, " + failures
                + "), then " + idle;
    }
}
