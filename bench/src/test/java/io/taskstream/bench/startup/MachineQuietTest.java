package io.taskstream.bench.startup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MachineQuietTest {

    @Test
    void readsTotalAndIdleFromTheAggregateLine() {
        String stat = "cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\nintr 1 2 3\n";
        assertArrayEquals(new long[]{980, 820}, MachineQuiet.ticks(stat));
    }

    @Test
    void idleShareIsTheIdleDeltaOverTheTotalDelta() {
        assertEquals(0.75, MachineQuiet.idleShare(new long[]{1000, 500}, new long[]{1200, 650}), 1e-9);
        assertEquals(1.0, MachineQuiet.idleShare(new long[]{1000, 500}, new long[]{1000, 500}), 1e-9);
    }

    @Test
    void refusesATextWithoutTheCpuLine() {
        assertThrows(IllegalArgumentException.class, () -> MachineQuiet.ticks("intr 1 2 3\n"));
    }
}
