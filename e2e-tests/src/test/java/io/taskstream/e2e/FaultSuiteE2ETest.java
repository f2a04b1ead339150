package io.taskstream.e2e;

import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.events.envelope.EventHeaders;
import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.ServiceSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite, short form (CI): task changes flow through the whole stack while each consuming
 * service is killed with SIGKILL and restarted, poison records are injected with a raw producer and a
 * batch of processed records is replayed. Then counts are reconciled from the databases and Kafka:
 * nothing lost, nothing doubled. {@code -Dtaskstream.faults.seconds} lengthens the load phases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteE2ETest {

    private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteE2ETest.class);
    private static final int PHASE_SECONDS = Integer.getInteger("taskstream.faults.seconds", 4);
    private static final List<String> CONSUMERS =
            List.of("audit-service", "recurring-service", "notification-service", "websocket-service");
    private static final List<byte[]> POISON = List.of(
            new byte[]{(byte) 0xC3, 0x28, 0x00, 0x7F},
            "{\"event_type\":\"task.exploded\",\"schema_version\":1}".getBytes(StandardCharsets.UTF_8),
            "{\"event_id\":\"0193a5b0-8000-7000-8000-00000000dead\",\"event_type\":\"task.created\",\"schema_version\":1,\"data\":{}}"
                    .getBytes(StandardCharsets.UTF_8));

    private LocalStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = LocalStack.start(TestStacks.fresh("faults", ServiceSpec.ALL));
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void underKillsPoisonAndReplaysNothingIsLostOrDoubled() throws Exception {
        List<String> users = List.of("fay", "finn", "flo");
        ResumingSocket board = new ResumingSocket(stack.urlOf("websocket-service"),
                Hs256Tokens.mint(stack.jwtSecret(), "fay", List.of("user"), Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> board.connections() == 1);
        FaultLoad load = new FaultLoad(stack.urlOf("api-service"), stack.jwtSecret(), users, 15);
        try {
            for (String service : CONSUMERS) {
                Thread.sleep(PHASE_SECONDS * 1000L);
                ProcessHandle process = ProcessHandle.of(stack.services().stream().filter(s -> s.name().equals(service))
                        .findFirst().orElseThrow().pid()).orElseThrow();
                process.destroyForcibly();
                process.onExit().join();
                LOG.info("fault: {} killed (SIGKILL) after {} accepted creates", service, load.created().size());
                Thread.sleep(1000);
                stack.restart(service);
            }
            KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers());
            POISON.forEach(value -> kafka.send(Topics.TASK_EVENTS, "poison", value));
            List<ConsumerRecord<String, byte[]>> processed = TopicReader.readAll(stack.bootstrapServers(), Topics.TASK_EVENTS)
                    .stream().filter(r -> TopicReader.header(r, EventHeaders.EVENT_ID) != null).limit(50).toList();
            processed.forEach(r -> kafka.send(Topics.TASK_EVENTS, r.key(), r.value()));
            LOG.info("fault: 3 poison records and a replay of {} processed records sent", processed.size());
            Thread.sleep(PHASE_SECONDS * 1000L);
        } finally {
            load.close();
        }

        assertThat(load.failures()).as("answers other than success (no 5xx, no timeouts)").isEmpty();
        assertThat(load.created()).hasSizeGreaterThan(PHASE_SECONDS * 15);
        Set<String> eventIds = validEventIds();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(count("audit-service", "SELECT count(*) FROM audit_log")).isEqualTo(eventIds.size()));
        assertThat(count("audit-service", "SELECT count(DISTINCT event_id) FROM audit_log")).isEqualTo(eventIds.size());
        assertThat(strings("audit-service", "SELECT task_id FROM audit_log WHERE event_type = 'task.created'"))
                .as("every accepted create is in the audit trail")
                .containsAll(load.created().stream().map(FaultLoad.Accepted::taskId).toList());

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(count("api-service",
                "SELECT count(*) FROM (SELECT series_id FROM task WHERE series_id IS NOT NULL GROUP BY series_id HAVING count(*) = 2) s"))
                .as("each completed recurring task has exactly one next occurrence").isEqualTo(load.completed().size()));
        assertThat(count("api-service", "SELECT count(*) FROM (SELECT series_id FROM task WHERE series_id IS NOT NULL "
                + "GROUP BY series_id HAVING count(*) > 2) s")).as("series with a doubled next occurrence").isZero();

        List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(stack.bootstrapServers(), Topics.deadLetterOf(Topics.TASK_EVENTS));
        assertThat(dead.stream().map(r -> TopicReader.header(r, DeadLetterHeaders.CONSUMER_GROUP)).collect(Collectors.toList()))
                .as("each poison record dead-lettered once by each task-events consumer")
                .containsExactlyInAnyOrder("audit-service", "audit-service", "audit-service",
                        "recurring-service", "recurring-service", "recurring-service");

        Set<String> fayTasks = load.created().stream().filter(a -> a.user().equals("fay"))
                .map(FaultLoad.Accepted::taskId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(60)).until(() -> board.resyncs() > 0 || board.taskIds().containsAll(fayTasks));
        board.close();
        assertThat(board.positions()).as("updates reached the board").isNotEmpty();
        assertThat(new HashSet<>(board.positions())).as("no update delivered twice").hasSameSizeAs(board.positions());
        if (board.resyncs() == 0) {
            assertThat(board.taskIds()).as("gap-free without a resync").containsAll(fayTasks);
        }
        LOG.info("fault suite: {} creates, {} recurring completions, {} task events, {} dead letters, board: {} updates, "
                        + "{} connections, {} resyncs", load.created().size(), load.completed().size(), eventIds.size(),
                dead.size(), board.positions().size(), board.connections(), board.resyncs());
    }

    /** Distinct event ids of the well-formed records on task-events (replays count once, poison not at all). */
    private Set<String> validEventIds() {
        return TopicReader.readAll(stack.bootstrapServers(), Topics.TASK_EVENTS).stream()
                .map(r -> TopicReader.header(r, EventHeaders.EVENT_ID)).filter(id -> id != null)
                .collect(Collectors.toSet());
    }

    private long count(String service, String sql) throws Exception {
        return Long.parseLong(strings(service, sql).get(0));
    }

    private List<String> strings(String service, String sql) throws Exception {
        String user = System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", EmbeddedPostgresServer.USER);
        String password = System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", "");
        try (var db = DriverManager.getConnection(stack.databaseUrl(service), user, password);
             var rows = db.createStatement().executeQuery(sql)) {
            List<String> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
