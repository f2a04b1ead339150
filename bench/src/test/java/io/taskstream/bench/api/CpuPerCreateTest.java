package io.taskstream.bench.api;

import io.taskstream.bench.ProcCpu;
import io.taskstream.bench.report.Figure;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CpuPerCreateTest {

    @Test
    void cpuSecondsInThePhaseTimesAThousandPerCreate() {
        Map<String, Double> before = new LinkedHashMap<>();
        before.put("api-service", 100.0);
        before.put(StackCpu.POSTGRES, 50.0);
        before.put(StackCpu.BENCH_JVM, 20.0);
        Map<String, Double> after = new LinkedHashMap<>();
        after.put("api-service", 130.0);
        after.put(StackCpu.POSTGRES, 60.0);
        after.put(StackCpu.BENCH_JVM, 40.0);

        CpuPerCreate perCreate = CpuPerCreate.of(before, after, 20_000);

        assertThat(perCreate.msByProcess()).containsExactly(Map.entry("api-service", 1.5),
                Map.entry(StackCpu.POSTGRES, 0.5), Map.entry(StackCpu.BENCH_JVM, 1.0));
        assertThat(perCreate.totalMs()).isCloseTo(3.0, within(1e-9));
        assertThat(perCreate.sustainablePerSecond(2)).isCloseTo(666.67, within(0.01));
        List<Figure> figures = perCreate.figures(2);
        assertThat(figures).extracting(Figure::metric).containsExactly("api-service CPU per create",
                StackCpu.POSTGRES + " CPU per create", StackCpu.BENCH_JVM + " CPU per create",
                "CPU per create, all processes", "creates/s this machine's 2 cores could sustain at that cost");
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.raw()).isNull();
            assertThat(f.met()).isNull();
        });
        assertThat(perCreate.summary(2)).isEqualTo("api-service 1.500 ms, " + StackCpu.POSTGRES + " 0.500 ms, "
                + StackCpu.BENCH_JVM + " 1.000 ms, total 3.000 ms = 667 creates/s on 2 cores");
    }

    @Test
    void noCreatesOrAProcessMissingAtTheStartIsAnError() {
        assertThatThrownBy(() -> CpuPerCreate.of(Map.of("a", 1.0), Map.of("a", 2.0), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuPerCreate.of(Map.of("a", 1.0), Map.of("b", 2.0), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
    }

    @Test
    void postgresCountsThePostmasterItsChildrenAndWhatItReaped() {
        ProcCpu postmaster = new ProcCpu(100, "postgres", 1, 2.0, 5.0);
        ProcCpu backend = new ProcCpu(101, "postgres", 100, 3.0, 0.0);
        ProcCpu walWriter = new ProcCpu(102, "postgres", 100, 0.5, 0.0);
        ProcCpu otherCluster = new ProcCpu(201, "postgres", 200, 9.0, 0.0);

        assertThat(StackCpu.postgresSeconds(postmaster, List.of(backend, walWriter, otherCluster)))
                .isCloseTo(10.5, within(1e-9));
        // the backend exits and is reaped: its time moves into the postmaster's reaped time, the sum stays
        ProcCpu afterExit = new ProcCpu(100, "postgres", 1, 2.0, 8.0);
        assertThat(StackCpu.postgresSeconds(afterExit, List.of(walWriter))).isCloseTo(10.5, within(1e-9));
    }
}
