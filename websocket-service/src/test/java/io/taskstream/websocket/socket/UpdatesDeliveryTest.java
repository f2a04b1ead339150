package io.taskstream.websocket.socket;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketClient;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.websocket.updates.UpdateHistory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Routing and gap-free resume on the real broker (history bound 10 per partition, see application-test.yml). */
@MicronautTest(transactional = false)
class UpdatesDeliveryTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    WebSocketClient ws;
    @Inject
    UpdateHistory history;
    @Inject
    JsonMapper json;
    BoardUpdates updates;

    @BeforeAll
    void listenerFollowsTheTopic() {
        updates = new BoardUpdates(new KafkaTestClient(infrastructure.bootstrapServers()),
                topic(Topics.TASK_UPDATES), json);
        await().atMost(Duration.ofSeconds(60)).until(history::ready);
    }

    @Test
    void eachUpdateReachesEverySocketOfItsUserAndNoOtherUser() {
        try (TestSocket aliceTab1 = live("alice"); TestSocket aliceTab2 = live("alice"); TestSocket bob = live("bob")) {
            updates.publish("alice", "a1");
            updates.publish("bob", "b1");
            updates.publish("alice", "a2");
            updates.publish("bob", "b2");

            await().atMost(Duration.ofSeconds(15)).during(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(updates.titles(aliceTab1)).containsExactly("a1", "a2");
                assertThat(updates.titles(aliceTab2)).containsExactly("a1", "a2");
                assertThat(updates.titles(bob)).containsExactly("b1", "b2");
            });
        }
    }

    /** The fan-out path: one shared frame per update, queued per socket and written in batches. */
    @Test
    void aBurstOfLiveUpdatesReachesEachOfManySocketsOnceAndInOrder() {
        List<TestSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                sockets.add(live("erin"));
            }
            List<String> burst = IntStream.range(0, 100).mapToObj(i -> "burst-" + i + " ünïcødé").toList();
            burst.forEach(title -> updates.publish("erin", title));

            await().atMost(Duration.ofSeconds(30)).during(Duration.ofMillis(500)).untilAsserted(() -> {
                for (TestSocket socket : sockets) {
                    assertThat(updates.titles(socket)).containsExactlyElementsOf(burst);
                }
            });
        } finally {
            sockets.forEach(TestSocket::close);
        }
    }

    @Test
    void aResumingClientGetsAllFiftyMissedUpdatesInOrderOnceThenLiveOnes() {
        String lastSeen;
        try (TestSocket socket = live("carol")) {
            updates.publish("carol", "seen");
            await().atMost(Duration.ofSeconds(15)).until(() -> updates.titles(socket).equals(List.of("seen")));
            lastSeen = updates.position(socket.messages().get(socket.messages().size() - 1));
        }
        List<String> missed = IntStream.range(0, 50).mapToObj(i -> "missed-" + i).toList();
        missed.forEach(title -> updates.publish("carol", title));

        try (TestSocket resumed = connect("carol", lastSeen)) {
            List<String> live = IntStream.range(0, 5).mapToObj(i -> "live-" + i).toList();
            live.forEach(title -> updates.publish("carol", title)); // may land while the replay runs

            List<String> expected = new ArrayList<>(missed);
            expected.addAll(live);
            await().atMost(Duration.ofSeconds(30)).during(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(updates.titles(resumed)).containsExactlyElementsOf(expected));
            List<String> types = resumed.messages().stream().map(updates::type).toList();
            assertThat(types).doesNotContain("resync");
            assertThat(types.indexOf("hello")).as("hello marks the end of the replay").isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aPositionKafkaNoLongerHasYieldsResync() throws Exception {
        String old;
        try (TestSocket socket = live("dave")) {
            updates.publish("dave", "old");
            updates.publish("dave", "next");
            await().atMost(Duration.ofSeconds(15)).until(() -> updates.titles(socket).size() == 2);
            old = updates.position(socket.messages().stream().filter(m -> "update".equals(updates.type(m))).findFirst().orElseThrow());
        }
        IntStream.range(0, 12).forEach(i -> updates.publish("dave", "newer-" + i)); // past the memory bound
        String[] p = old.split("-");
        long afterNext = Long.parseLong(p[1]) + 2; // "next" is gone too: a real gap
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", infrastructure.bootstrapServers()))) {
            admin.deleteRecords(java.util.Map.of(new org.apache.kafka.common.TopicPartition(topic(Topics.TASK_UPDATES),
                    Integer.parseInt(p[0])), org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(afterNext))).all().get();
        }

        try (TestSocket resumed = connect("dave", old)) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(resumed.messages().stream().map(updates::type)).containsExactly("resync", "hello"));
        }
    }

    @Test
    void aMalformedOrForeignPositionYieldsResyncThenLiveUpdates() {
        try (TestSocket malformed = connect("erin", "yesterday"); TestSocket foreign = connect("erin", "77-12")) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(malformed.messages().stream().map(updates::type)).containsExactly("resync", "hello");
                assertThat(foreign.messages().stream().map(updates::type)).containsExactly("resync", "hello");
            });
            updates.publish("erin", "after-resync");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(updates.titles(malformed)).containsExactly("after-resync");
                assertThat(updates.titles(foreign)).containsExactly("after-resync");
            });
        }
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndTheNextUpdateStillArrives() {
        try (TestSocket socket = live("frank")) {
            updates.publishRaw("frank", "not an envelope".getBytes());
            updates.publish("frank", "after-poison");
            await().atMost(Duration.ofSeconds(15)).until(() -> updates.titles(socket).equals(List.of("after-poison")));
        }
        var dlq = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_UPDATES)), 1, Duration.ofSeconds(15));
        assertThat(dlq).hasSize(1);
        assertThat(new String(dlq.get(0).value())).isEqualTo("not an envelope");
    }

    /** Connected and past its hello, so it sees everything published from now on. */
    private TestSocket live(String user) {
        TestSocket socket = connect(user, null);
        await().atMost(Duration.ofSeconds(15)).until(() -> socket.messages().stream().anyMatch(m -> "hello".equals(updates.type(m))));
        return socket;
    }

    private TestSocket connect(String user, String after) {
        String uri = "/ws/updates?access_token=" + tokenFor(user) + (after == null ? "" : "&after=" + after);
        return Mono.from(ws.connect(TestSocket.class, HttpRequest.GET(uri))).block(Duration.ofSeconds(15));
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }
}
