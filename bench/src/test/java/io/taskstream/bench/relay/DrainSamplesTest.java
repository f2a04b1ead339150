package io.taskstream.bench.relay;

import io.taskstream.bench.report.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DrainSamplesTest {

    private static final long MS = 1_000_000L;

    @Test
    void timeToEmptyIsTheFirstPollThatFoundNoRow() {
        DrainSamples samples = new DrainSamples(1_000 * MS, 100);
        samples.add(1_100 * MS, 60);
        samples.add(1_300 * MS, 0);
        samples.add(1_400 * MS, 0);

        assertThat(samples.secondsToEmpty()).isEqualTo(0.3);
    }

    @Test
    void rateCountsTheRowsThatLeftInEachBucket() {
        DrainSamples samples = new DrainSamples(0, 100);
        samples.add(100 * MS, 80);
        samples.add(240 * MS, 60);   // 40 rows left in the first 250 ms
        samples.add(400 * MS, 50);
        samples.add(700 * MS, 0);    // nothing seen in (0.25, 0.5] after 0.4 s: 10 rows; 50 in (0.5, 0.75]

        assertThat(samples.ratePerSecond(0.25)).containsExactly(
                new Point(0.25, 160), new Point(0.5, 40), new Point(0.75, 200));
    }

    @Test
    void anOutboxThatNeverEmptiedIsAnError() {
        DrainSamples samples = new DrainSamples(0, 10);
        samples.add(MS, 5);

        assertThatThrownBy(samples::secondsToEmpty).hasMessageContaining("never emptied");
    }
}
