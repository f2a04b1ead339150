package io.taskstream.websocket.socket;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.websocket.updates.UpdateHistory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.taskstream.websocket.socket.RawWebSocket.CLOSE;
import static io.taskstream.websocket.socket.RawWebSocket.PING;
import static io.taskstream.websocket.socket.RawWebSocket.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Heartbeats, idle timeout and the bounded send queue, with a raw client that can stay silent or
 * stop reading. Short intervals here: ping every 200 ms, idle after 1.5 s, at most 8 queued sends.
 */
@MicronautTest(transactional = false)
class SocketLifecycleTest extends RealInfrastructureTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1500);

    @Inject
    EmbeddedServer server;
    @Inject
    UpdateHistory history;
    @Inject
    MeterRegistry meters;
    @Inject
    JsonMapper json;
    BoardUpdates updates;

    @BeforeAll
    void listenerFollowsTheTopic() {
        updates = new BoardUpdates(new KafkaTestClient(infrastructure.bootstrapServers()), topic(Topics.TASK_UPDATES), json);
        await().atMost(Duration.ofSeconds(60)).until(history::ready);
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedWith4408AfterTheIdleTimeout() throws IOException {
        Instant opened = Instant.now(); // before the handshake: the server's idle clock cannot start earlier
        try (RawWebSocket silent = connect("ivan", 0)) {
            List<RawWebSocket.Frame> frames = silent.readUntilClose(IDLE_TIMEOUT.multipliedBy(10));

            assertThat(frames).extracting(RawWebSocket.Frame::opcode).as("pinged before being given up on").contains(PING);
            assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(CloseCodes.IDLE_TIMEOUT);
            assertThat(Duration.between(opened, Instant.now())).isGreaterThanOrEqualTo(IDLE_TIMEOUT);
        }
    }

    @Test
    void aClientThatAnswersPingsStaysConnectedPastTheIdleTimeout() throws IOException {
        try (RawWebSocket client = connect("judy", 0)) {
            Instant until = Instant.now().plus(IDLE_TIMEOUT.multipliedBy(3));
            int pongs = 0;
            while (Instant.now().isBefore(until)) {
                RawWebSocket.Frame frame = client.read();
                assertThat(frame.opcode()).as("no close while answering pings").isNotEqualTo(CLOSE);
                if (frame.opcode() == PING) {
                    client.sendPong(frame.payload());
                    pongs++;
                }
            }
            assertThat(pongs).isGreaterThan(3);

            updates.publish("judy", "still here");
            assertThat(nextText(client, frame -> client.sendPong(frame.payload()))).contains("still here");
        }
    }

    @Test
    void aClientThatStopsReadingIsToldToResyncAndClosedWith4429() throws Exception {
        double resyncsBefore = count("taskstream.websocket.resyncs", "reason", "slow-client");
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor();
        try (RawWebSocket slow = connect("kim", 2048)) {
            assertThat(nextText(slow, f -> { })).contains("\"hello\"");
            // It stays alive (text counts as a sign of life) but reads nothing from here on.
            keepAlive.scheduleAtFixedRate(() -> sendQuietly(slow), 0, 200, TimeUnit.MILLISECONDS);
            String big = "x".repeat(50_000);
            for (int i = 0; i < 300 && count("taskstream.websocket.resyncs", "reason", "slow-client") == resyncsBefore; i++) {
                updates.publish("kim", i + " " + big);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> count("taskstream.websocket.resyncs", "reason", "slow-client") > resyncsBefore);
            keepAlive.shutdownNow();

            List<RawWebSocket.Frame> frames = slow.readUntilClose(Duration.ofSeconds(30));
            List<String> texts = frames.stream().filter(f -> f.opcode() == TEXT).map(RawWebSocket.Frame::text).toList();
            assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(CloseCodes.TOO_SLOW);
            assertThat(updates.type(texts.get(texts.size() - 1))).as("the last message says resync").isEqualTo("resync");
            assertThat(count("taskstream.websocket.drops", "reason", "send-queue-full")).isPositive();
        } finally {
            keepAlive.shutdownNow();
        }
    }

    @Test
    void aClientThatMissedMoreThanItsQueueHoldsIsToldToResyncAndStaysLive() throws Exception {
        String position;
        try (RawWebSocket first = connect("lena", 65536)) {
            position = updates.position(nextText(first, f -> { }));
        }
        for (int i = 0; i < 12; i++) { // more than the 8 the queue holds: replayed, they would overflow it (4429)
            updates.publish("lena", "missed-" + i);
        }
        // Resume once this replica has read all twelve, so they are what the socket missed, not live updates.
        int partition = Integer.parseInt(position.substring(0, position.indexOf('-')));
        long seen = Long.parseLong(position.substring(position.indexOf('-') + 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> history.partition(partition)
                .map(io.taskstream.websocket.updates.PartitionHistory::next).orElse(0L) >= seen + 13);
        double backlogBefore = count("taskstream.websocket.resyncs", "reason", "backlog");

        try (RawWebSocket resumed = connect("lena", 65536, position)) {
            assertThat(updates.type(nextText(resumed, f -> resumed.sendPong(f.payload())))).isEqualTo("resync");
            String hello = nextText(resumed, f -> resumed.sendPong(f.payload()));
            assertThat(updates.type(hello)).isEqualTo("hello");
            assertThat(updates.position(hello)).as("live from the head: the reload covers the rest").isNotEqualTo(position);
            updates.publish("lena", "after the reload");
            // Missed updates the replica had not read yet when the socket resumed arrive live, before it.
            String live;
            int received = 0;
            do {
                live = nextText(resumed, f -> resumed.sendPong(f.payload())); // fails on a close frame (4429)
                assertThat(updates.type(live)).as("live updates on the open socket").isEqualTo("update");
                assertThat(++received).as("reached the update sent after the reload").isLessThanOrEqualTo(13);
            } while (!live.contains("after the reload"));
        }
        assertThat(count("taskstream.websocket.resyncs", "reason", "backlog")).isEqualTo(backlogBefore + 1);
    }

    private RawWebSocket connect(String user, int receiveBuffer) throws IOException {
        return connect(user, receiveBuffer, null);
    }

    private RawWebSocket connect(String user, int receiveBuffer, String after) throws IOException {
        return new RawWebSocket(server.getPort(), "/ws/updates?access_token=" + tokenFor(user)
                + (after == null ? "" : "&after=" + after), receiveBuffer);
    }

    interface PingHandler {
        void onPing(RawWebSocket.Frame ping) throws IOException;
    }

    private static String nextText(RawWebSocket client, PingHandler pings) throws IOException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            RawWebSocket.Frame frame = client.read();
            if (frame.opcode() == TEXT) {
                return frame.text();
            }
            assertThat(frame.opcode()).as("closed while waiting for a message").isNotEqualTo(CLOSE);
            if (frame.opcode() == PING) {
                pings.onPing(frame);
            }
        }
        throw new AssertionError("no message within 15 s");
    }

    private static void sendQuietly(RawWebSocket client) {
        try {
            client.sendText("{\"type\":\"ping\"}");
        } catch (IOException e) {
            // the server closed it; the test reads the close frame
        }
    }

    private double count(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.websocket.ping-interval", "200ms",
                "taskstream.websocket.idle-timeout", IDLE_TIMEOUT.toMillis() + "ms",
                "taskstream.websocket.send-queue-limit", "8");
    }
}
