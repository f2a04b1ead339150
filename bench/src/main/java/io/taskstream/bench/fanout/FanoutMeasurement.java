package io.taskstream.bench.fanout;

import io.taskstream.bench.ProcCpu;
import io.taskstream.bench.ProcRss;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static io.taskstream.bench.fanout.FanoutScenario.FD_MARGIN;

/**
 * One server's side of the fan-out: connects the swarm in steps up to the open-file cap, reads memory at each
 * step, then times one broadcast to every socket.
 */
final class FanoutMeasurement {

    private FanoutMeasurement() {
    }

    /** What one server measured. */
    record Measured(String name, int reached, String capNote, MemoryCurve heap, MemoryCurve rss, long expected,
                    long received, double seconds, double perSecond, double clientCpu, double serverCpu,
                    int closedByServer, String closeCodes, String problem) {
    }

    interface Probe {
        double mib() throws Exception;
    }

    interface Broadcast {
        void send(int count) throws Exception;
    }

    static Measured measure(String name, SocketSwarm swarm, InetSocketAddress address, String host, String path, long pid,
                            Probe heapProbe, Profile.Fanout f, Broadcast warmup, Broadcast measured)
            throws Exception {
        long self = ProcessHandle.current().pid();
        long serverFree = ProcFacts.openFileLimit(pid) - ProcFacts.openFiles(pid) - FD_MARGIN;
        long clientFree = ProcFacts.openFileLimit(self) - ProcFacts.openFiles(self) - FD_MARGIN;
        int cap = (int) Math.max(0, Math.min(serverFree, clientFree));
        String capNote = String.format(Locale.ROOT, "cap %,d: open-file limit %,d, %,d files in use in %s and %,d in the bench "
                        + "JVM, %d kept free in each", cap, ProcFacts.openFileLimit(pid), ProcFacts.openFiles(pid), name,
                ProcFacts.openFiles(self), FD_MARGIN);
        Progress.say(FanoutScenario.ID, "%s: %s", name, capNote);
        MemoryCurve heap = new MemoryCurve();
        MemoryCurve rss = new MemoryCurve();
        heap.add(0, heapProbe.mib());
        rss.add(0, ProcRss.mib(pid));
        String problem = null;
        int held = 0;
        List<Integer> steps = new ArrayList<>();
        for (int n : f.connections()) {
            int step = Math.min(n, cap);
            if (step > held && !steps.contains(step)) {
                steps.add(step);
            }
            held = Math.max(held, step);
        }
        held = 0;
        for (int step : steps) {
            SocketSwarm.Connected c = swarm.connect(address, host, path, step - held, Duration.ofSeconds(120));
            held = swarm.ready();
            Progress.say(FanoutScenario.ID, "%s: %,d sockets ready (+%,d in %.1f s, %d failed)", name, held, c.ready(), c.seconds(), c.failed());
            if (c.failed() > 0 || held < step) {
                problem = "at step " + step + ": " + c.failed() + " failed, first: " + c.firstProblem();
            }
            TimeUnit.SECONDS.sleep(1);
            double h = heapProbe.mib();
            double r = ProcRss.mib(pid);
            heap.add(held, h);
            rss.add(held, r);
            Progress.say(FanoutScenario.ID, "%s: %,d sockets: heap after GC %.1f MiB, RSS %.1f MiB", name, held, h, r);
            if (problem != null) {
                break;
            }
        }
        if (held == 0) {
            throw new IllegalStateException(name + ": no socket could connect: " + swarm.firstProblem());
        }
        long before = swarm.updates();
        warmup.send(f.warmup());
        swarm.awaitUpdates(before + (long) held * f.warmup(), f.await());
        TimeUnit.MILLISECONDS.sleep(500);
        int n = swarm.ready();
        long base = swarm.updates();
        long expected = (long) n * f.messages();
        double clientCpu0 = swarm.cpuNanos() / 1e9;
        double serverCpu0 = ProcCpu.of(pid).seconds();
        long start = System.nanoTime();
        measured.send(f.messages());
        long got = swarm.awaitUpdates(base + expected, f.await()) - base;
        long last = swarm.lastUpdateNanos();
        double seconds = (last - start) / 1e9;
        double wall = (System.nanoTime() - start) / 1e9;
        double clientCpu = (swarm.cpuNanos() / 1e9 - clientCpu0) / wall;
        double serverCpu = (ProcCpu.of(pid).seconds() - serverCpu0) / wall;
        double rate = got / seconds;
        Progress.say(FanoutScenario.ID, "%s: fan-out %,d of %,d frames in %.2f s = %,.0f msg/s (client %.0f%%, server %.0f%% of a core)",
                name, got, expected, seconds, rate, clientCpu * 100, serverCpu * 100);
        return new Measured(name, n, capNote, heap, rss, expected, got, seconds, rate, clientCpu, serverCpu,
                swarm.closedByServer(), swarm.closeCodes(), problem != null ? problem : swarm.firstProblem());
    }
}
