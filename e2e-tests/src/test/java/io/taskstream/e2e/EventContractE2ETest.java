package io.taskstream.e2e;

import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.ServiceSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compatibility check for independent releases: every running consumer reads the golden fixture
 * of every event version it may receive (shared-events' fixtures: one per released type and version,
 * never deleted), so a consumer change that drops an event version still in flight fails here. It
 * runs today's consumers; it does not run older released consumer jars against today's producers.
 * Evidence: each fixture's event id in the consumer group's {@code processed_event} rows
 * (websocket-service, which has no database: the update on a socket), and empty dead-letter topics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventContractE2ETest {

    /** Consumer group (= service name) and the topics it reads. */
    private static final Map<String, List<String>> CONSUMERS = Map.of(
            "audit-service", List.of(Topics.TASK_EVENTS),
            "recurring-service", List.of(Topics.TASK_EVENTS),
            "notification-service", List.of(Topics.NOTIFICATION_REQUEST, Topics.REMINDERS));

    private LocalStack stack;

    @BeforeAll
    void startEverything() throws Exception {
        stack = TestStacks.start(TestStacks.fresh("contract", ServiceSpec.ALL));
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyConsumerReadsEveryReleasedVersionOfWhatItReceives() throws Exception {
        List<String> boardFrames = new CopyOnWriteArrayList<>();
        WebSocket socket = boardSocket("alice", boardFrames);
        KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers());
        for (String topic : Topics.ALL) {
            // Keyed as producers key them: board updates by user (sockets follow their user's partition).
            String key = topic.equals(Topics.TASK_UPDATES) ? "alice" : "0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f";
            for (GoldenFixtures.Fixture fixture : GoldenFixtures.forTopic(topic)) {
                kafka.send(topic, key, fixture.json());
            }
        }

        CONSUMERS.forEach((service, topics) -> {
            List<String> expected = topics.stream().flatMap(t -> GoldenFixtures.forTopic(t).stream())
                    .map(EventContractE2ETest::eventId).toList();
            assertThat(expected).as("fixtures for %s", service).isNotEmpty();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(processed(service)).as("%s processed every fixture", service).containsAll(expected));
        });
        // The board also gets the live updates the fixtures cause (e.g. the next occurrence).
        for (GoldenFixtures.Fixture fixture : GoldenFixtures.forTopic(Topics.TASK_UPDATES)) {
            String pushed = "\"event_id\":\"" + eventId(fixture) + "\"";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(boardFrames)
                    .as("websocket-service pushed %s", fixture).anyMatch(f -> f.contains(pushed)));
        }
        socket.abort();
        assertThat(deadLetters()).as("records in the dead-letter topics").isZero();
    }

    /** Event ids the service's consumer group has processed (same transaction as its work). */
    private List<String> processed(String service) throws Exception {
        String user = System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", EmbeddedPostgresServer.USER);
        String password = System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", "");
        try (Connection db = DriverManager.getConnection(stack.databaseUrl(service), user, password);
             PreparedStatement query = db.prepareStatement(
                     "SELECT event_id::text FROM messaging.processed_event WHERE consumer_group = ?")) {
            query.setString(1, service);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static String eventId(GoldenFixtures.Fixture fixture) {
        Matcher m = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]+)\"").matcher(new String(fixture.json()));
        assertThat(m.find()).as("event_id in %s", fixture).isTrue();
        return m.group(1);
    }

    private WebSocket boardSocket(String user, List<String> frames) {
        String token = Hs256Tokens.mint(stack.jwtSecret(), user, List.of("user"), Duration.ofMinutes(10));
        String url = stack.urlOf("websocket-service").replace("http:", "ws:") + "/ws/updates?access_token=" + token;
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frames.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).join();
        await().atMost(Duration.ofSeconds(30)).until(() -> frames.stream().anyMatch(f -> f.contains("\"type\":\"hello\"")));
        return socket;
    }

    private long deadLetters() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", stack.bootstrapServers()))) {
            long total = 0;
            for (String topic : Topics.ALL) {
                String dlq = Topics.deadLetterOf(topic);
                int partitions = admin.describeTopics(List.of(dlq)).allTopicNames().get().get(dlq).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    total += admin.listOffsets(Map.of(new TopicPartition(dlq, p), OffsetSpec.latest())).all().get()
                            .values().iterator().next().offset();
                }
            }
            return total;
        }
    }
}
