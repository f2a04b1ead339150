package io.taskstream.bench.fanout;

import io.taskstream.bench.RelayProducer;
import io.taskstream.bench.BenchStack;
import io.taskstream.bench.ProcCpu;
import io.taskstream.bench.ProcRss;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Quiesce;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.bench.TaskEventSamples;
import io.taskstream.bench.report.Chart;
import io.taskstream.bench.report.Figure;
import io.taskstream.bench.report.Series;
import io.taskstream.events.Topics;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * How many WebSocket connections one websocket-service replica holds (heap and RSS per 1k) and how many
 * messages per second it pushes to them, next to a plain Node {@code ws} server doing the same broadcast,
 * measured with the same client in the same run.
 */
public final class FanoutScenario implements Scenario {

    static final String USER = "bench-fanout-0";
    static final int TARGET_CONNECTIONS = 20_000;
    static final double TARGET_HEAP_MIB = 1_024;
    /** Open files kept free in each process beyond the sockets (jars, logs, Kafka, epoll, the control socket). */
    static final int FD_MARGIN = 100;

    @Override
    public String id() {
        return "fanout";
    }

    @Override
    public String title() {
        return "WebSocket fan-out";
    }

    @Override
    public Duration timeout(Profile profile) {
        return profile.fanout().timeout();
    }

    /** What one server measured. */
    record Measured(String name, int reached, String capNote, MemoryCurve heap, MemoryCurve rss, long expected,
                    long received, double seconds, double perSecond, double clientCpu, double serverCpu,
                    int closedByServer, String closeCodes, String problem) {
    }

    @Override
    public void run(BenchStack stack, Profile profile, ScenarioOutput out) throws Exception {
        Profile.Fanout f = profile.fanout();
        out.method("One user, N WebSocket connections to one websocket-service replica (`/ws/updates?access_token=<jwt>`, no "
                + "Origin), N in " + f.connections() + " capped by the open-file limit of either process. The client is one "
                + "NIO selector thread in the bench JVM (a few hundred bytes per socket; payloads skipped after their first "
                + "32 bytes, pings answered); a socket counts once its first message (`hello`) arrived.");
        out.method("Memory at each N and idle: heap used right after a full GC (`jcmd <pid> GC.run`, then `GC.heap_info`; "
                + "service JVM `" + String.join(" ", BenchStack.SERVICE_JVM_OPTIONS) + "`) and VmRSS from /proc/<pid>/status; "
                + "per 1k = least-squares slope over the steps.");
        out.method("Fan-out at the largest N: " + f.warmup() + " updates to warm up, then M = " + f.messages() + " `task-updates` "
                + "records for that user produced as api-service's relay does (same envelope, key = user id, headers, "
                + RelayProducer.DESCRIPTION + "); messages/s = update frames received by all N sockets / (first send → last frame read).");
        out.method("Raw limit: a Node `ws` server (`bench/ws-peer`, broadcast loop from the ws README, `node --expose-gc`) with "
                + "the same client, the same N steps and the same broadcast: M copies of a real update frame captured from "
                + "websocket-service, sent to it one by one over a control socket, each sent to every subscriber on arrival. "
                + "Its memory: V8 heap used after `global.gc()` (as 'heap') and VmRSS. The peer has no Kafka hop, no auth, no "
                + "resume history, no per-socket queue and no heartbeats: it is the floor of the work, not the same feature.");
        out.method("Before: " + Quiesce.await(stack, id(), profile.quiesceTimeout()) + ".");

        Path repoRoot = LocalStackConfig.findRepoRoot(Path.of("").toAbsolutePath());
        ServiceProcess service = stack.stack().services().stream().filter(s -> s.name().equals("websocket-service"))
                .findFirst().orElseThrow(() -> new IllegalStateException("websocket-service is not running"));
        URI serviceUri = URI.create(stack.url("websocket-service"));
        Path peerLog = stack.dataDir().resolve("logs").resolve("ws-peer.log");
        Measured svc;
        Measured peer;
        try (SocketSwarm swarm = new SocketSwarm("fanout-clients")) {
            Map<String, Object> producerSettings = RelayProducer.settings(stack.bootstrapServers());
            String[] template = new String[1];
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings, new StringSerializer(),
                    new ByteArraySerializer())) {
                svc = measure("websocket-service", swarm, new InetSocketAddress(serviceUri.getHost(), serviceUri.getPort()),
                        serviceUri.getAuthority(), "/ws/updates?access_token=" + stack.token(USER), service.pid(),
                        () -> ProcFacts.heapAfterGcMiB(service.pid()), f, out,
                        warmup -> {
                            SampleSocket sample = SampleSocket.open(stack, USER);
                            try {
                                produce(producer, warmup);
                                template[0] = sample.firstUpdate(Duration.ofSeconds(30));
                            } finally {
                                sample.close();
                            }
                        },
                        count -> produce(producer, count));
            }
            swarm.closeAll();
            TimeUnit.SECONDS.sleep(2);
            try (WsPeer node = WsPeer.start(repoRoot.resolve("bench").resolve("ws-peer"), peerLog)) {
                List<String> warm = Collections.nCopies(f.warmup(), template[0]);
                List<String> measured = Collections.nCopies(f.messages(), template[0]);
                peer = measure("ws peer", swarm, new InetSocketAddress("127.0.0.1", node.port()), "127.0.0.1:" + node.port(),
                        "/ws", node.pid(), () -> {
                            WsPeer.Stats s = node.stats();
                            return s.heapUsed() / 1048576.0;
                        }, f, out, n -> node.broadcast(warm), n -> node.broadcast(measured));
                Progress.say(id(), "ws peer: %s", peerVersion(peerLog));
                out.method("Peer: " + peerVersion(peerLog) + ".");
            }
            swarm.closeAll();
        }
        report(svc, peer, f, out);
    }

    private static void report(Measured svc, Measured peer, Profile.Fanout f, ScenarioOutput out) {
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

    interface Probe {
        double mib() throws Exception;
    }

    interface Broadcast {
        void send(int count) throws Exception;
    }

    private Measured measure(String name, SocketSwarm swarm, InetSocketAddress address, String host, String path, long pid,
                             Probe heapProbe, Profile.Fanout f, ScenarioOutput out, Broadcast warmup, Broadcast measured)
            throws Exception {
        long self = ProcessHandle.current().pid();
        long serverFree = ProcFacts.openFileLimit(pid) - ProcFacts.openFiles(pid) - FD_MARGIN;
        long clientFree = ProcFacts.openFileLimit(self) - ProcFacts.openFiles(self) - FD_MARGIN;
        int cap = (int) Math.max(0, Math.min(serverFree, clientFree));
        String capNote = String.format(Locale.ROOT, "cap %,d: open-file limit %,d, %,d files in use in %s and %,d in the bench "
                        + "JVM, %d kept free in each", cap, ProcFacts.openFileLimit(pid), ProcFacts.openFiles(pid), name,
                ProcFacts.openFiles(self), FD_MARGIN);
        Progress.say(id(), "%s: %s", name, capNote);
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
            Progress.say(id(), "%s: %,d sockets ready (+%,d in %.1f s, %d failed)", name, held, c.ready(), c.seconds(), c.failed());
            if (c.failed() > 0 || held < step) {
                problem = "at step " + step + ": " + c.failed() + " failed, first: " + c.firstProblem();
            }
            TimeUnit.SECONDS.sleep(1);
            double h = heapProbe.mib();
            double r = ProcRss.mib(pid);
            heap.add(held, h);
            rss.add(held, r);
            Progress.say(id(), "%s: %,d sockets: heap after GC %.1f MiB, RSS %.1f MiB", name, held, h, r);
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
        Progress.say(id(), "%s: fan-out %,d of %,d frames in %.2f s = %,.0f msg/s (client %.0f%%, server %.0f%% of a core)",
                name, got, expected, seconds, rate, clientCpu * 100, serverCpu * 100);
        return new Measured(name, n, capNote, heap, rss, expected, got, seconds, rate, clientCpu, serverCpu,
                swarm.closedByServer(), swarm.closeCodes(), problem != null ? problem : swarm.firstProblem());
    }

    private static void produce(KafkaProducer<String, byte[]> producer, int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            var c = TaskEventSamples.created(USER);
            ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.TASK_UPDATES, USER, c.boardJson());
            r.headers().add(new RecordHeader("event_id", c.board().eventId().toString().getBytes(StandardCharsets.UTF_8)));
            r.headers().add(new RecordHeader("event_type", c.board().eventType().getBytes(StandardCharsets.UTF_8)));
            r.headers().add(new RecordHeader("aggregate_version", "1".getBytes(StandardCharsets.UTF_8)));
            r.headers().add(new RecordHeader("traceparent", ("00-" + c.board().eventId().toString().replace("-", "")
                    + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8)));
            records.add(r);
        }
        for (ProducerRecord<String, byte[]> r : records) {
            producer.send(r);
        }
        producer.flush();
    }

    private static String peerVersion(Path log) {
        try {
            return java.nio.file.Files.readAllLines(log).stream().filter(l -> l.startsWith("ws peer listening"))
                    .reduce((a, b) -> b).map(l -> l.substring(l.indexOf('(') + 1, l.lastIndexOf(')'))).orElse("version unknown");
        } catch (java.io.IOException e) {
            return "version unknown";
        }
    }

    /** One JDK WebSocket of the user during the warm-up: gives the text of a real update frame to the peer. */
    private static final class SampleSocket implements WebSocket.Listener {
        private final CompletableFuture<String> update = new CompletableFuture<>();
        private final CompletableFuture<String> hello = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static SampleSocket open(BenchStack stack, String user) {
            SampleSocket s = new SampleSocket();
            String url = stack.url("websocket-service").replace("http:", "ws:") + "/ws/updates?access_token=" + stack.token(user);
            s.socket = stack.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(url), s).orTimeout(15, TimeUnit.SECONDS).join();
            s.hello.orTimeout(15, TimeUnit.SECONDS).join();
            return s;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.contains("\"type\":\"update\"")) {
                    update.complete(text);
                } else if (text.contains("\"type\":\"hello\"")) {
                    hello.complete(text);
                }
            }
            ws.request(1);
            return null;
        }

        String firstUpdate(Duration timeout) {
            return update.orTimeout(timeout.toSeconds(), TimeUnit.SECONDS).join();
        }

        void close() {
            socket.abort();
        }
    }
}
