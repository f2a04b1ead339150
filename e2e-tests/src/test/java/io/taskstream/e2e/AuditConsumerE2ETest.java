package io.taskstream.e2e;

import io.taskstream.events.Topics;
import io.taskstream.localstack.dlq.DlqMain;
import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceProcess;
import io.taskstream.localstack.junit.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit-service as a process on the launched stack: killed with SIGKILL while it stores a stream
 * of events and started again, it ends with every event in the trail exactly once; a poison record
 * is handled from the command line ({@code ./taskstream dlq}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditConsumerE2ETest {

    private static final Logger LOG = LoggerFactory.getLogger(AuditConsumerE2ETest.class);
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;
    private LocalStackConfig config;

    @BeforeAll
    void startApiAndAudit() throws Exception {
        config = TestStacks.fresh("audit", TestStacks.only("audit-service"));
        stack = TestStacks.start(config);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aConsumerKilledMidStreamEndsWithExactlyOneEntryPerEvent() throws Exception {
        TaskEventStream stream = new TaskEventStream(80, 4, 50);
        int firstHalf = stream.size() / 2;
        stream.produce(stack.bootstrapServers(), 2000, 1, 3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("SELECT count(*) FROM audit_log") >= 200);
        // The rest of the first half arrives slowly (about 4.4 s) from here on, so the kill below lands
        // while events are still coming in, however fast the consumer is.
        ExecutorService producer = Executors.newSingleThreadExecutor();
        Future<?> restOfFirstHalf = producer.submit(() -> {
            stream.produce(stack.bootstrapServers(), 400, 4, 25);
            return null;
        });
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> count("SELECT count(*) FROM audit_log") >= 400);

        ServiceProcess audit = stack.services().get(0);
        ProcessHandle process = ProcessHandle.of(audit.pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
        long atKill = count("SELECT count(*) FROM audit_log");
        LOG.info("audit-service killed (SIGKILL) with {} of {} events stored", atKill, stream.size());
        try {
            assertThat(atKill).as("killed while it was storing the first half").isLessThan(firstHalf);
            restOfFirstHalf.get(60, TimeUnit.SECONDS);
            stream.produce(stack.bootstrapServers(), 2000, 26, 50); // the second half while it is down
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.crashes().contains("audit-service"));
        } finally {
            producer.shutdownNow();
            stack.restart("audit-service");
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> count("SELECT count(*) FROM audit_log") >= stream.size());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> count("SELECT count(*) FROM audit_log") == stream.size());
        assertThat(count("SELECT count(DISTINCT (task_id, aggregate_version)) FROM audit_log")).isEqualTo(stream.size());
        assertThat(count("SELECT count(*) FROM messaging.processed_event WHERE consumer_group = 'audit-service'"))
                .isEqualTo(stream.size());
        assertThat(get("/audit/gaps")).isEqualTo("{\"tasks\":[]}");
        for (String user : stream.users()) {
            assertThat(get("/audit/verify?userId=" + user)).contains("\"intact\":true");
        }
    }

    @Test
    @Order(2)
    void aPoisonRecordIsListedAndDiscardedFromTheCommandLine() throws Exception {
        new KafkaTestClient(stack.bootstrapServers()).send(Topics.TASK_EVENTS, "task-x",
                "{\"event_type\": \"task.exploded\"}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Cli list = dlq("list", "task-events");
            assertThat(list.out()).as(list.err()).contains("1 dead letter");
        });
        Cli listed = dlq("list", "task-events");
        assertThat(listed.out()).contains("EventDecodingException").contains("INVALID_ENVELOPE")
                .doesNotContain("JsonNumber");
        assertThat(dlq("overview").out()).contains("pending 1, redriven 0, discarded 0");
        String id = listed.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(dlq("show", "task-events", id).out()).contains("task.exploded");

        Cli discarded = dlq("discard", "task-events", id, "--reason", "test data");
        assertThat(discarded.code()).as(discarded.err()).isZero();
        assertThat(discarded.out()).contains(id + " discarded by dlq-cli");
        assertThat(dlq("discard", "task-events", id, "--reason", "again")).satisfies(again -> {
            assertThat(again.code()).isEqualTo(1);
            assertThat(again.err()).startsWith("409");
        });
        assertThat(dlq("list", "task-events").out()).contains("0 dead letters");
        assertThat(dlq("nonsense").code()).isEqualTo(2);
    }

    private Cli dlq(String... args) {
        Map<String, String> env = Map.of("AUDIT_SERVICE_PORT", String.valueOf(config.ports().get("audit-service")),
                "TASKSTREAM_DATA_DIR", config.dataDir().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new DlqMain(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Cli(int code, String out, String err) {
    }

    private String get(String path) throws Exception {
        String token = Hs256Tokens.mint(stack.jwtSecret(), "erin", List.of("auditor"), Duration.ofMinutes(5));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.urlOf("audit-service") + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private long count(String sql) throws Exception {
        String url = "jdbc:postgresql://localhost:" + config.postgresPort() + "/taskstream_audit";
        try (Connection c = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
