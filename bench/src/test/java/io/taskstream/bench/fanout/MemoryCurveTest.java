package io.taskstream.bench.fanout;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MemoryCurveTest {

    @Test
    void slopePerThousandAndProjection() {
        MemoryCurve c = new MemoryCurve();
        assertThat(c.perThousand()).isNaN();
        c.add(0, 40);
        c.add(1_000, 46.2);
        c.add(5_000, 69.8);
        c.add(10_000, 100.1);
        assertThat(c.perThousand()).isCloseTo(6.0, within(0.05));
        assertThat(c.idle()).isEqualTo(40);
        assertThat(c.projected(20_000)).isCloseTo(160, within(1.0));
        assertThat(c.last().x()).isEqualTo(10_000);
    }
}
