package io.taskstream.bench.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits until the machine's CPUs are mostly idle, so a launch measures the service starting and not
 * the JIT compilers or consumers of its neighbours still busy after the previous launch.
 */
final class MachineQuiet {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private MachineQuiet() {
    }

    /**
     * @return the idle share of the last one-second window: at least {@code idleAtLeast}, or the last
     * one seen when {@code limit} ran out first (the launch then goes ahead; the caller reports it)
     */
    static double await(double idleAtLeast, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long[] before = ticks(Files.readString(PROC_STAT));
        while (true) {
            Thread.sleep(1_000);
            long[] after = ticks(Files.readString(PROC_STAT));
            double idle = idleShare(before, after);
            if (idle >= idleAtLeast || System.nanoTime() > deadline) {
                return idle;
            }
            before = after;
        }
    }

    /** {total, idle + iowait} jiffies from the aggregate "cpu" line of /proc/stat. */
    static long[] ticks(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no aggregate cpu line in /proc/stat"));
        String[] fields = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(fields[i]);
        }
        return new long[]{total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    static double idleShare(long[] before, long[] after) {
        long total = after[0] - before[0];
        return total <= 0 ? 1.0 : (double) (after[1] - before[1]) / total;
    }
}
