package io.taskstream.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {

    @Test
    void percentilesOfAUniformSpreadAreWhereTheyShouldBe() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 1000; ms++) {
            latencies.recordNanos(ms * 1_000_000L);
        }
        Latencies.Summary s = latencies.summary();
        assertThat(s.count()).isEqualTo(1000);
        // HdrHistogram keeps 3 significant digits: within 0.1% of the exact rank value.
        assertThat(s.p50()).isCloseTo(500, within(0.5));
        assertThat(s.p90()).isCloseTo(900, within(0.9));
        assertThat(s.p99()).isCloseTo(990, within(1.0));
        assertThat(s.p999()).isCloseTo(999, within(1.0));
        assertThat(s.max()).isCloseTo(1000, within(1.0));
        assertThat(s.mean()).isCloseTo(500.5, within(0.5));
    }

    @Test
    void aFewSlowOutliersShowInTheTailOnly() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 990; i++) {
            latencies.recordMicros(2_000);
        }
        for (int i = 0; i < 10; i++) {
            latencies.recordMicros(200_000);
        }
        assertThat(latencies.percentileMillis(50)).isCloseTo(2, within(0.01));
        assertThat(latencies.percentileMillis(99)).isCloseTo(2, within(0.01));
        assertThat(latencies.percentileMillis(99.9)).isCloseTo(200, within(0.2));
    }

    @Test
    void emptyIsZeroAndMergingAddsCounts() {
        Latencies a = new Latencies();
        assertThat(a.summary().p99()).isZero();
        Latencies b = new Latencies();
        b.recordMicros(1_500);
        a.recordMicros(500);
        a.add(b);
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.maxMillis()).isCloseTo(1.5, within(0.01));
    }

    @Test
    void valuesBeyondTheRangeAreClampedAndCounted() {
        Latencies latencies = new Latencies();
        latencies.recordMicros(Latencies.MAX_MICROS * 2);
        assertThat(latencies.clamped()).isEqualTo(1);
        assertThat(latencies.count()).isEqualTo(1);
    }

    @Test
    void timelineTurnsCountsIntoRatesPerSecond() {
        Timeline timeline = new Timeline(0, 250, 10);
        for (int i = 0; i < 50; i++) {
            timeline.count(100_000_000L);      // 50 in the first 250 ms
        }
        timeline.add(600_000_000L, 25);        // 25 in the third bucket
        var points = timeline.ratePerSecond(750_000_000L);
        assertThat(points).hasSize(3);
        assertThat(points.get(0).x()).isEqualTo(0.25);
        assertThat(points.get(0).y()).isEqualTo(200.0);
        assertThat(points.get(1).y()).isZero();
        assertThat(points.get(2).y()).isEqualTo(100.0);
    }
}
