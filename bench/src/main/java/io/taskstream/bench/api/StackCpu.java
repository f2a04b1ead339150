package io.taskstream.bench.api;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.ProcCpu;
import io.taskstream.localstack.launcher.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU seconds used so far by each process of the local stack: the service JVMs, PostgreSQL, the bench JVM. */
final class StackCpu {

    static final String POSTGRES = "PostgreSQL (all processes)";
    static final String BENCH_JVM = "bench JVM (Kafka broker + load generator)";
    static final String METHOD = "CPU per create: utime + stime from /proc/<pid>/stat, read right before and after each "
            + "closed-loop API run (worker set-up included), of the five service JVMs, of PostgreSQL (the stack's postmaster, "
            + "by its postmaster.pid, and all its children: backends, WAL writer, checkpointer, autovacuum ...; plus the "
            + "time of children it reaped, so backends that exit during the run count) and of the bench JVM, which hosts "
            + "the Kafka broker and the load generator; the best run's CPU seconds × 1000 / its creates. Nothing else on "
            + "the machine counts, nor relay or consumer work still queued when the run ends. Creates/s the cores could "
            + "sustain = cores × 1000 / total ms: CPU as the only limit, every core busy with this work.";

    private final BenchStack stack;

    StackCpu(BenchStack stack) {
        this.stack = stack;
    }

    /** Seconds so far by process label, services first; subtract two samples for a phase. */
    Map<String, Double> sample() throws IOException {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (ServiceProcess service : stack.stack().services()) {
            seconds.put(service.name(), ProcCpu.of(service.pid()).seconds());
        }
        seconds.put(POSTGRES, postgresSeconds());
        seconds.put(BENCH_JVM, ProcCpu.of(ProcessHandle.current().pid()).seconds());
        return seconds;
    }

    /*
     * The stack's own cluster (another PostgreSQL may run on the machine, so not every process named postgres),
     * found by the pid file in the data folder LocalStack gives it. Backends rewrite their command line, so
     * they are found as the postmaster's children.
     */
    private double postgresSeconds() throws IOException {
        Path pidFile = stack.dataDir().resolve("postgres").resolve("postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        List<ProcCpu> children = new ArrayList<>();
        for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
            try {
                children.add(ProcCpu.of(child.pid()));
            } catch (NoSuchFileException exited) {
                // gone between the listing and the read: its time is in the postmaster's reaped time, read next
            }
        }
        ProcCpu main = ProcCpu.of(postmaster);
        if (!main.comm().equals("postgres")) {
            throw new IllegalStateException(pidFile + " names pid " + postmaster + ", which is " + main.comm());
        }
        return postgresSeconds(main, children);
    }

    /**
     * The postmaster, its live children (backends, WAL writer, checkpointer, autovacuum ...) and the children
     * it has reaped: a backend that exits between two samples moves from the children to the reaped time.
     */
    static double postgresSeconds(ProcCpu postmaster, List<ProcCpu> children) {
        double seconds = postmaster.seconds() + postmaster.reapedSeconds();
        for (ProcCpu child : children) {
            if (child.ppid() == postmaster.pid()) {
                seconds += child.seconds() + child.reapedSeconds();
            }
        }
        return seconds;
    }
}
