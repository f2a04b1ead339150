package io.taskstream.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchStackTest {

    @Test
    void extraJavaOptionsAreAppendedToTheServiceDefaults() {
        assertThat(BenchStack.serviceJvmOptions("  -XX:StartFlightRecording=filename=/tmp/x/  -Dfoo=1 "))
                .containsExactly("-Xmx512m", "-XX:+UseSerialGC", "-XX:StartFlightRecording=filename=/tmp/x/", "-Dfoo=1");
    }

    @Test
    void noExtraOptionsLeavesTheDefaults() {
        assertThat(BenchStack.serviceJvmOptions(null)).isEqualTo(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        assertThat(BenchStack.serviceJvmOptions(" ")).isEqualTo(List.of("-Xmx512m", "-XX:+UseSerialGC"));
    }
}
