package io.taskstream.bench.fanout;

import io.taskstream.bench.Profile;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.bench.report.Chart;
import io.taskstream.bench.report.Figure;
import io.taskstream.bench.report.Series;
import io.taskstream.bench.fanout.FanoutMeasurement.Measured;

import java.util.List;
import java.util.Locale;

import static io.taskstream.bench.fanout.FanoutScenario.TARGET_CONNECTIONS;
import static io.taskstream.bench.fanout.FanoutScenario.TARGET_HEAP_MIB;

/** The fan-out figures: websocket-service next to the Node {@code ws} peer, each against its target. */
final class FanoutReport {

    private FanoutReport() {
    }

    static void write(Measured svc, Measured peer, Profile.Fanout f, ScenarioOutput out) {
        String peerName = "Node ws peer, same client and run";
        int attempted = f.connections().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (attempted >= TARGET_CONNECTIONS) {
            out.figure(Figure.atLeast("connections held, one replica, one user", svc.reached(), "sockets",
                    (double) peer.reached(), peerName, TARGET_CONNECTIONS));
        } else {
            out.figure(Figure.info("connections held, one replica, one user (this profile tries " + attempted
                    + "; the 20k target needs the full run)", svc.reached(), "sockets", (double) peer.reached(), peerName));
        }
        double heapAtMax = svc.heap().last().y();
        out.figure(Figure.atMost("heap after GC with " + svc.reached() + " sockets", heapAtMax, "MiB",
                peer.heap().last().y(), "V8 heap after gc(), ws peer with " + peer.reached(), TARGET_HEAP_MIB));
        out.figure(Figure.info("heap per 1k connections", svc.heap().perThousand(), "MiB", peer.heap().perThousand(),
                "V8 heap per 1k, ws peer"));
        out.figure(Figure.info("RSS per 1k connections", svc.rss().perThousand(), "MiB", peer.rss().perThousand(),
                "RSS per 1k, ws peer"));
        out.figure(Figure.info("RSS with " + svc.reached() + " sockets", svc.rss().last().y(), "MiB", peer.rss().last().y(),
                "ws peer with " + peer.reached()));
        if (svc.reached() < TARGET_CONNECTIONS) {
            out.figure(Figure.info("heap projected to 20k sockets (idle + 20 × per 1k; not measured)",
                    svc.heap().projected(TARGET_CONNECTIONS), "MiB", peer.heap().projected(TARGET_CONNECTIONS),
                    "ws peer, projected the same way"));
        }
        out.figure(Figure.atLeastRatio("messages/s pushed (" + svc.reached() + " sockets × " + f.messages() + " updates)",
                svc.perSecond(), "msg/s", peer.perSecond(), peerName + " (" + peer.reached() + " sockets)", 1.0));
        out.figure(Figure.info("update frames not received within " + f.await().toSeconds() + " s (of " + svc.expected() + ")", svc.expected() - svc.received(),
                "frames", (double) (peer.expected() - peer.received()), "ws peer, of " + peer.expected()));
        out.figure(Figure.info("load generator CPU during the fan-out", svc.clientCpu() * 100, "% of a core",
                peer.clientCpu() * 100, "during the ws peer's"));
        out.figure(Figure.info("server CPU during the fan-out", svc.serverCpu() * 100, "% of a core",
                peer.serverCpu() * 100, "ws peer (node)"));
        for (Measured m : List.of(svc, peer)) {
            out.method(String.format(Locale.ROOT, "%s: %d sockets held (%s); fan-out %,d of %,d frames in %.2f s = %,.0f msg/s; "
                            + "load generator %.0f%% of a core, server %.0f%% of a core (2 cores in all); sockets closed by "
                            + "the server: %d %s%s.", m.name(), m.reached(), m.capNote(), m.received(), m.expected(),
                    m.seconds(), m.perSecond(), m.clientCpu() * 100, m.serverCpu() * 100, m.closedByServer(), m.closeCodes(),
                    m.problem() == null ? "" : "; first problem: " + m.problem()));
        }
        out.chart(new Chart("Memory by open WebSocket connections", "connections", "MiB",
                List.of(new Series("websocket-service heap after GC", svc.heap().points()),
                        new Series("websocket-service RSS", svc.rss().points()),
                        new Series("ws peer V8 heap after gc()", peer.heap().points()),
                        new Series("ws peer RSS", peer.rss().points()))));
    }
}
