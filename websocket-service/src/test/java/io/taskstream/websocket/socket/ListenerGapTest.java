package io.taskstream.websocket.socket;

import io.micronaut.configuration.kafka.ConsumerRegistry;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that stalls until retention deletes what it has not read yet is moved to the end of the
 * log by Kafka: the updates in between are gone. Its sockets must hear about it (resync), and a client
 * resuming from before the hole must not be served a replay with the hole in it.
 */
@MicronautTest(transactional = false)
class ListenerGapTest extends RealInfrastructureTest {

    private static final String USER = "gina";

    @Inject
    @Client("/")
    WebSocketClient ws;
    @Inject
    UpdateHistory history;
    @Inject
    ConsumerRegistry consumers;
    @Inject
    JsonMapper json;

    @Test
    void updatesDeletedBeforeTheListenerReadThemMeanResyncNotASilentGap() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(history::ready);
        String topic = topic(Topics.TASK_UPDATES);
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        BoardUpdates updates = new BoardUpdates(kafka, topic, json);
        try (TestSocket live = connect(null)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> types(updates, live).equals(List.of("hello")));
            String hello = updates.position(live.messages().get(0));

            List<String> listener = consumers.getConsumerIds().stream()
                    .filter(id -> !consumers.getConsumerAssignment(id).isEmpty()).toList();
            assertThat(listener).hasSize(1);
            listener.forEach(consumers::pause);
            await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10))
                    .until(() -> listener.stream().allMatch(consumers::isPaused));
            for (int i = 0; i < 3; i++) {
                updates.publish(USER, "deleted-" + i);
            }
            List<ConsumerRecord<String, byte[]>> unread = kafka.readFromStart(topic,
                    r -> USER.equals(r.key()), 3, Duration.ofSeconds(30));
            TopicPartition tp = new TopicPartition(topic, unread.get(0).partition());
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.bootstrapServers()))) {
                admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(unread.get(2).offset() + 1))).all().get();
            }
            listener.forEach(consumers::resume);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.stream().noneMatch(consumers::isPaused));
            // Out of range on resume: Kafka moves the listener to the end, past the three deleted updates.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                updates.publish(USER, "after-the-hole");
                return updates.titles(live).contains("after-the-hole");
            });

            List<String> messages = live.messages();
            int resync = messages.stream().map(updates::type).toList().indexOf("resync");
            assertThat(resync).as("resync sent: %s", messages).isPositive();
            List<String> before = titles(updates, messages.subList(0, resync));
            List<String> after = titles(updates, messages.subList(resync + 1, messages.size()));
            // A pause takes effect at the listener's next poll: an update may slip through before it.
            assertThat(before).as("a hole was made").hasSizeLessThan(3)
                    .isEqualTo(List.of("deleted-0", "deleted-1", "deleted-2").subList(0, Math.min(before.size(), 3)));
            assertThat(after).as("told before the next update: %s", messages).isNotEmpty().allMatch("after-the-hole"::equals);
            try (TestSocket resumed = connect(hello)) {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                        assertThat(types(updates, resumed)).as("no replay across the hole").containsExactly("resync", "hello"));
            }
        }
    }

    private List<String> types(BoardUpdates updates, TestSocket socket) {
        return socket.messages().stream().map(updates::type).toList();
    }

    private List<String> titles(BoardUpdates updates, List<String> messages) {
        return messages.stream().filter(m -> "update".equals(updates.type(m))).map(updates::title).toList();
    }

    private TestSocket connect(String after) {
        String uri = "/ws/updates?access_token=" + tokenFor(USER) + (after == null ? "" : "&after=" + after);
        return Mono.from(ws.connect(TestSocket.class, HttpRequest.GET(uri))).block(Duration.ofSeconds(15));
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }
}
