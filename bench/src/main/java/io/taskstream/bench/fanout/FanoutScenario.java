package io.taskstream.bench.fanout;

import io.taskstream.bench.RelayProducer;
import io.taskstream.bench.BenchStack;
import io.taskstream.bench.Profile;
import io.taskstream.bench.Progress;
import io.taskstream.bench.Quiesce;
import io.taskstream.bench.Scenario;
import io.taskstream.bench.ScenarioOutput;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How many WebSocket connections one websocket-service replica holds (heap and RSS per 1k) and how many
 * messages per second it pushes to them, next to a plain Node {@code ws} server doing the same broadcast,
 * measured with the same client in the same run.
 */
public final class FanoutScenario implements Scenario {

    static final String ID = "fanout";
    static final String USER = "bench-fanout-0";
    static final int TARGET_CONNECTIONS = 20_000;
    static final double TARGET_HEAP_MIB = 1_024;
    /** Open files kept free in each process beyond the sockets (jars, logs, Kafka, epoll, the control socket). */
    static final int FD_MARGIN = 100;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "WebSocket fan-out";
    }

    @Override
    public Duration timeout(Profile profile) {
        return profile.fanout().timeout();
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
        FanoutMeasurement.Measured svc;
        FanoutMeasurement.Measured peer;
        try (SocketSwarm swarm = new SocketSwarm("fanout-clients")) {
            Map<String, Object> producerSettings = RelayProducer.settings(stack.bootstrapServers());
            String[] template = new String[1];
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings, new StringSerializer(),
                    new ByteArraySerializer())) {
                svc = FanoutMeasurement.measure("websocket-service", swarm, new InetSocketAddress(serviceUri.getHost(), serviceUri.getPort()),
                        serviceUri.getAuthority(), "/ws/updates?access_token=" + stack.token(USER), service.pid(),
                        () -> ProcFacts.heapAfterGcMiB(service.pid()), f,
                        warmup -> {
                            SampleSocket sample = SampleSocket.open(stack, USER);
                            try {
                                UpdateRecords.produce(producer, warmup);
                                template[0] = sample.firstUpdate(Duration.ofSeconds(30));
                            } finally {
                                sample.close();
                            }
                        },
                        count -> UpdateRecords.produce(producer, count));
            }
            swarm.closeAll();
            TimeUnit.SECONDS.sleep(2);
            try (WsPeer node = WsPeer.start(repoRoot.resolve("bench").resolve("ws-peer"), peerLog)) {
                List<String> warm = Collections.nCopies(f.warmup(), template[0]);
                List<String> measured = Collections.nCopies(f.messages(), template[0]);
                peer = FanoutMeasurement.measure("ws peer", swarm, new InetSocketAddress("127.0.0.1", node.port()), "127.0.0.1:" + node.port(),
                        "/ws", node.pid(), () -> {
                            WsPeer.Stats s = node.stats();
                            return s.heapUsed() / 1048576.0;
                        }, f, n -> node.broadcast(warm), n -> node.broadcast(measured));
                Progress.say(id(), "ws peer: %s", WsPeer.version(peerLog));
                out.method("Peer: " + WsPeer.version(peerLog) + ".");
            }
            swarm.closeAll();
        }
        FanoutReport.write(svc, peer, f, out);
    }
}
