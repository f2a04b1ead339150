package io.taskstream.bench;

/** One bounded measurement against the running stack; what it finds goes to {@code out} as it goes. */
public interface Scenario {

    /** Short name used by {@code --only} and in progress lines. */
    String id();

    String title();

    void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception;
}
