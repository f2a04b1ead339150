package io.taskstream.bench;

import java.time.Duration;

/** One bounded measurement against the running stack; what it finds goes to {@code out} as it goes. */
public interface Scenario {

    /** Short name used by {@code --only} and in progress lines. */
    String id();

    String title();

    /** Its time limit; then it is cancelled and reported as failed. */
    default Duration timeout(Profile profile) {
        return profile.scenarioTimeout();
    }

    /** False for what runs without the local stack (then {@code stack} is null), before it starts. */
    default boolean needsStack() {
        return true;
    }

    void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception;
}
