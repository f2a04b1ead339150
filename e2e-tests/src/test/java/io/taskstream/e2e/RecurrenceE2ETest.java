package io.taskstream.e2e;

import io.micronaut.json.tree.JsonNode;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.EventHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.LocalStackConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Completing a recurring task on the launched stack (api-service + recurring-service) creates
 * exactly one correct next task, through the API, also when the completion is delivered twice or
 * the task is reopened and completed again. The rules' edge cases are unit-tested in recurring-service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecurrenceE2ETest {

    private LocalStack stack;

    @BeforeAll
    void start() throws Exception {
        LocalStackConfig config = TestStacks.fresh("recurrence", TestStacks.only("api-service", "recurring-service"));
        stack = TestStacks.start(config);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.taskstream.e2e.RecurrenceCases#all")
    void completingCreatesExactlyTheNextOccurrence(String name, String rrule, String zone, String due, String expected)
            throws Exception {
        TaskApi api = new TaskApi(stack.urlOf("api-service"), stack.jwtSecret(), "user-" + Math.abs(name.hashCode()));
        JsonNode first = api.create(task(rrule, zone, due));

        api.post("/tasks/" + text(first, "id") + "/complete");

        JsonNode next = awaitNext(api, text(first, "id"));
        assertThat(Instant.parse(text(next, "due_at"))).isEqualTo(Instant.parse(expected));
        assertThat(text(next, "series_id")).isEqualTo(text(first, "series_id"));
        assertThat(text(next, "status")).isEqualTo("open");
        assertThat(text(next, "title")).isEqualTo("Water the plants");
        assertThat(next.get("recurrence").get("rrule").getStringValue()).isEqualTo(rrule);
    }

    @Test
    void aCompletionDeliveredTwiceOrARepeatedCompletionStillMakesOneNextTask() throws Exception {
        TaskApi api = new TaskApi(stack.urlOf("api-service"), stack.jwtSecret(), "twice");
        String nextYearInMay = LocalDate.now(ZoneOffset.UTC).plusYears(1).withMonth(5).withDayOfMonth(3).atTime(7, 0)
                .toInstant(ZoneOffset.UTC).toString();
        JsonNode first = api.create(task("FREQ=DAILY", "Europe/Berlin", nextYearInMay));
        String id = text(first, "id");
        api.post("/tasks/" + id + "/complete");
        awaitNext(api, id);

        KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers());
        ConsumerRecord<String, byte[]> completion = kafka.readFromStart(Topics.TASK_EVENTS, r -> id.equals(r.key())
                && "task.completed".equals(header(r, EventHeaders.EVENT_TYPE)), 1, Duration.ofSeconds(20)).get(0);
        kafka.send(Topics.TASK_EVENTS, completion.key(), completion.value());
        api.post("/tasks/" + id + "/reopen");
        api.post("/tasks/" + id + "/complete");

        // The second completion follows the replay on the task's partition: once recurring-service has
        // applied it, it has seen both, and any next task they made is already there.
        String second = header(kafka.readFromStart(Topics.TASK_EVENTS, r -> id.equals(r.key())
                        && "task.completed".equals(header(r, EventHeaders.EVENT_TYPE))
                        && !header(r, EventHeaders.EVENT_ID).equals(header(completion, EventHeaders.EVENT_ID)), 1,
                Duration.ofSeconds(20)).get(0), EventHeaders.EVENT_ID);
        await().atMost(Duration.ofSeconds(60)).until(() -> new StackQueries(stack).count("recurring-service",
                "SELECT count(*) FROM messaging.processed_event WHERE event_id = '" + second + "'") == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> api.tasks().size() == 2);
    }

    @Test
    void aNextTaskCompletedEarlyGetsItsOwnSuccessor() throws Exception {
        // from_completion, daily at 07:00 UTC: a completion at any time of a day restarts the rule that day,
        // so the next task is due the day after at 07:00. Two completions on the same day give two successors
        // with the same due time (not a reason to stop); expectations follow the server's completion times,
        // so a run that straddles midnight UTC expects the later day.
        Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(7, 0).toInstant(ZoneOffset.UTC);
        TaskApi api = new TaskApi(stack.urlOf("api-service"), stack.jwtSecret(), "early");
        String first = text(api.create(task("FREQ=DAILY", "UTC", tomorrow.toString(), "from_completion")), "id");
        Instant firstDone = Instant.parse(text(api.post("/tasks/" + first + "/complete"), "completed_at"));
        JsonNode second = awaitNext(api, first);
        assertThat(Instant.parse(text(second, "due_at"))).isEqualTo(dayAfterAtSeven(firstDone));

        Instant secondDone = Instant.parse(text(api.post("/tasks/" + text(second, "id") + "/complete"), "completed_at"));

        JsonNode third = await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60)).until(() -> api.tasks().stream()
                .filter(t -> "open".equals(text(t, "status"))).toList(), open -> open.size() == 1).get(0);
        assertThat(text(third, "id")).isNotIn(first, text(second, "id"));
        assertThat(Instant.parse(text(third, "due_at"))).as("on the same day, the second task's due time again")
                .isEqualTo(dayAfterAtSeven(secondDone));
        assertThat(text(third, "series_id")).isEqualTo(text(second, "series_id"));
    }

    @Test
    void aCompletionWaitsOutAnApiServiceOutageLongerThanItsRetriesAndIsNeverDeadLettered() throws Exception {
        TaskApi api = new TaskApi(stack.urlOf("api-service"), stack.jwtSecret(), "outage");
        Instant due = LocalDate.now(ZoneOffset.UTC).plusYears(1).withMonth(6).withDayOfMonth(1).atTime(9, 0)
                .toInstant(ZoneOffset.UTC);
        String id = text(api.create(task("FREQ=WEEKLY", "UTC", due.toString())), "id");
        stack.stop("recurring-service");
        api.post("/tasks/" + id + "/complete");
        stack.stop("api-service");
        try {
            stack.start("recurring-service");
            String metrics = stack.urlOf("recurring-service") + "/prometheus";
            await().atMost(Duration.ofSeconds(60)).until(() -> retried(metrics) > 0); // it has met the outage
            // 8 attempts with back-off took 13-25 s; then the completion went to the DLQ and no next task came.
            Thread.sleep(30_000);
        } finally {
            stack.start("api-service");
        }

        JsonNode next = awaitNext(api, id);
        assertThat(Instant.parse(text(next, "due_at"))).isEqualTo(due.plus(Duration.ofDays(7)));
        assertThat(new KafkaTestClient(stack.bootstrapServers()).readFromStart(Topics.deadLetterOf(Topics.TASK_EVENTS),
                r -> id.equals(r.key()), 1, Duration.ofSeconds(3))).isEmpty();
    }

    /** recurring-service's count of retries on task-events, from its Prometheus endpoint. */
    private static double retried(String prometheusUrl) throws Exception {
        String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(prometheusUrl)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith("taskstream_consumer_records_total{") && l.contains("outcome=\"retried\"")
                        && l.contains("topic=\"task-events\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static Instant dayAfterAtSeven(Instant completedAt) {
        return LocalDate.ofInstant(completedAt, ZoneOffset.UTC).plusDays(1).atTime(7, 0).toInstant(ZoneOffset.UTC);
    }

    private static JsonNode awaitNext(TaskApi api, String completedId) {
        // Holding for 2 s: a second successor made a little later would show.
        return await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60)).until(() -> api.tasks().stream()
                .filter(t -> !text(t, "id").equals(completedId)).toList(), list -> list.size() == 1).get(0);
    }

    private static String task(String rrule, String zone, String due) {
        return task(rrule, zone, due, "from_schedule");
    }

    private static String task(String rrule, String zone, String due, String mode) {
        return """
                {"title": "Water the plants", "due_at": "%s",
                 "recurrence": {"rrule": "%s", "timezone": "%s", "mode": "%s"}}""".formatted(due, rrule, zone, mode);
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).getStringValue();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
