package io.taskstream.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsToTheFullRunOfEveryScenario() {
        BenchOptions o = BenchOptions.parse();
        assertThat(o.quick()).isFalse();
        assertThat(BenchOptions.SCENARIOS).allMatch(o::selected);
    }

    @Test
    void quickAndOnlySelect() {
        BenchOptions o = BenchOptions.parse("--quick", "--only", "api,e2e");
        assertThat(o.quick()).isTrue();
        assertThat(o.selected("api")).isTrue();
        assertThat(o.selected("e2e")).isTrue();
        assertThat(o.selected("relay")).isFalse();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BenchOptions.parse("--only", "fan-out")).hasMessageContaining("unknown scenario 'fan-out'");
        assertThatThrownBy(() -> BenchOptions.parse("--only")).hasMessageContaining("--only needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown option");
    }
}
