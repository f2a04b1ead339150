package io.taskstream.e2e;

import io.taskstream.events.Topics;
import io.taskstream.events.envelope.EventHeaders;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.ServiceSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault suite (its short form runs in CI): task changes flow through the whole stack while each
 * consuming service is killed with SIGKILL, the broker is restarted, PostgreSQL is stopped for 10 s,
 * WebSocket clients lose their connections, poison records are injected and processed records are
 * replayed. Then {@link FaultReconciliation} checks from the databases that nothing was lost or
 * doubled, and {@code target/fault-suite/report.md} lists each fault with its counts.
 * {@code -Dtaskstream.faults.seconds} lengthens the load between faults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteE2ETest {

    static final int PHASE_SECONDS = Integer.getInteger("taskstream.faults.seconds", 4);
    /** After PostgreSQL is back, pooled connections are re-established within this (generous: a slow, shared CI machine). */
    static final Duration DATABASE_RECOVERY = Duration.ofSeconds(15);
    private static final List<String> CONSUMERS =
            List.of("audit-service", "recurring-service", "notification-service", "websocket-service");
    static final List<byte[]> POISON = List.of(
            new byte[]{(byte) 0xC3, 0x28, 0x00, 0x7F},
            "{\"event_type\":\"task.exploded\",\"schema_version\":1}".getBytes(StandardCharsets.UTF_8),
            "{\"event_id\":\"0193a5b0-8000-7000-8000-00000000dead\",\"event_type\":\"task.created\",\"schema_version\":1,\"data\":{}}"
                    .getBytes(StandardCharsets.UTF_8));

    private LocalStack stack;

    @BeforeAll
    void start() throws Exception {
        stack = TestStacks.start(TestStacks.fresh("faults", ServiceSpec.ALL));
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void underFaultsNothingIsLostOrDoubled() throws Exception {
        ResumingSocket board = new ResumingSocket(stack.urlOf("websocket-service"),
                Hs256Tokens.mint(stack.jwtSecret(), "fay", List.of("user"), Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> board.connections() == 1);
        FaultLoad load = new FaultLoad(stack.urlOf("api-service"), stack.jwtSecret(), List.of("fay", "finn", "flo"), 15);
        FaultReport report = new FaultReport(load);
        FaultReport.Fault database;
        try {
            for (String service : CONSUMERS) {
                pause();
                report.inject("kill -9 " + service, () -> killAndRestart(service));
            }
            pause();
            report.inject("broker restart", () -> {
                stack.stopKafka();
                Thread.sleep(5000);
                stack.startKafka();
                return "down 5 s, then started with its data";
            });
            pause();
            database = report.inject("PostgreSQL stopped", () -> {
                stack.stopPostgres();
                Thread.sleep(10_000);
                stack.startPostgres();
                return "down 10 s, then started with its data";
            });
            pause();
            report.inject("WebSocket client drops", () -> {
                for (int i = 0; i < 3; i++) {
                    await().atMost(Duration.ofSeconds(30)).until(board::connected);
                    int before = board.connections();
                    assertThat(board.drop()).as("drop " + (i + 1)).isTrue();
                    await().atMost(Duration.ofSeconds(30)).until(() -> board.connections() > before);
                    Thread.sleep(1000);
                }
                return "3 drops, each resumed from its last position (" + board.connections() + " connections so far)";
            });
            report.inject("poison and replay", this::poisonAndReplay);
            pause();
        } finally {
            load.close();
        }
        FaultReconciliation reconcile = new FaultReconciliation(stack, load, report);
        try {
            reconcile.answers(database, DATABASE_RECOVERY);
            reconcile.recurrences(); // first: next occurrences are task events the audit must then hold too
            reconcile.audit();
            reconcile.reminders();
            reconcile.deadLetters(POISON.size());
            reconcile.board(board);
        } finally {
            board.close();
            report.write(Path.of("target", "fault-suite", "report.md"));
        }
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(PHASE_SECONDS * 1000L);
    }

    private String killAndRestart(String service) throws InterruptedException {
        ProcessHandle process = ProcessHandle.of(stack.services().stream().filter(s -> s.name().equals(service))
                .findFirst().orElseThrow().pid()).orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
        Thread.sleep(1000);
        long started = System.nanoTime();
        stack.restart(service);
        return String.format("restarted; healthy %.1f s later", (System.nanoTime() - started) / 1e9);
    }

    private String poisonAndReplay() {
        KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers());
        POISON.forEach(value -> kafka.send(Topics.TASK_EVENTS, "poison", value));
        List<ConsumerRecord<String, byte[]>> processed = TopicReader.readAll(stack.bootstrapServers(), Topics.TASK_EVENTS)
                .stream().filter(r -> TopicReader.header(r, EventHeaders.EVENT_ID) != null).limit(50).toList();
        processed.forEach(r -> kafka.send(Topics.TASK_EVENTS, r.key(), r.value()));
        return POISON.size() + " poison records (non-JSON, unknown type, invalid payload); " + processed.size()
                + " processed records replayed";
    }
}
