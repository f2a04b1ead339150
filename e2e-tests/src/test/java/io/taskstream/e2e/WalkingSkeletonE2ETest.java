package io.taskstream.e2e;

import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceProcess;
import io.taskstream.localstack.launcher.ServiceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launched suite (each service its own process from its jar, embedded PostgreSQL + Kafka)
 * driven over plain HTTP: a task created at the API shows up in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonE2ETest {

    private static final Logger LOG = LoggerFactory.getLogger(WalkingSkeletonE2ETest.class);
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;
    private LocalStackConfig config;

    @BeforeAll
    void startTheSuite() throws Exception {
        config = TestStacks.fresh("skeleton", ServiceSpec.ALL);
        long started = System.nanoTime();
        stack = TestStacks.start(config);
        LOG.info("suite healthy in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    void stopTheSuite() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aTaskCreatedAtTheApiAppearsInTheAuditTrail() throws Exception {
        String taskId = createTask("Water the plants");

        awaitAuditEntry(taskId);
    }

    @Test
    @Order(2)
    void anOverdueTaskEndsAsAnEmailThroughRecurringAndNotificationService() throws Exception {
        String due = java.time.Instant.now().plusSeconds(3).toString();
        HttpResponse<String> created = http.send(authorized(stack.urlOf("api-service") + "/tasks")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Call the plumber\",\"due_at\":\"" + due + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Files.exists(stack.outboxLog())
                ? Files.readString(stack.outboxLog()) : "").contains("EMAIL to alice@example.test: Overdue: Call the plumber"));
    }

    @Test
    @Order(3)
    void aCrashedServiceIsReportedNotHidden() {
        ServiceProcess victim = stack.services().stream()
                .filter(s -> s.name().equals("notification-service")).findFirst().orElseThrow();

        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(15)).until(() -> stack.crashes().contains("notification-service"));
    }

    @Test
    @Order(4)
    void tasksAndTheirTrailSurviveARestartOfTheWholeStack() throws Exception {
        String taskId = createTask("Survive a restart");
        awaitAuditEntry(taskId);

        stack.close();
        stack = TestStacks.start(new LocalStackConfig(config.repoRoot(), config.dataDir(), false, config.ports(),
                config.kafkaPort(), config.controllerPort(), config.postgresPort(), config.partitions(), null, null,
                TestStacks.only("api-service", "audit-service"), config.javaOptions(), config.smtpPort(), config.smsPort()));

        HttpResponse<String> read = http.send(authorized(stack.urlOf("api-service") + "/tasks/" + taskId).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        awaitAuditEntry(taskId);
    }

    private String createTask(String title) throws Exception {
        HttpResponse<String> created = http.send(authorized(stack.urlOf("api-service") + "/tasks")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return field(created.body(), "id");
    }

    private void awaitAuditEntry(String taskId) {
        HttpRequest audit = authorized(stack.urlOf("audit-service") + "/audit?taskId=" + taskId).GET().build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> trail = http.send(audit, HttpResponse.BodyHandlers.ofString());
            assertThat(trail.statusCode()).isEqualTo(200);
            assertThat(trail.body()).contains("\"event_type\":\"task.created\"").contains(taskId);
        });
    }

    private HttpRequest.Builder authorized(String url) {
        String token = Hs256Tokens.mint(stack.jwtSecret(), "alice", List.of("user"), Duration.ofMinutes(10));
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("field %s in %s", name, json).isTrue();
        return m.group(1);
    }
}
