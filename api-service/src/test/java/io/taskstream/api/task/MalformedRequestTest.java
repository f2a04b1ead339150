package io.taskstream.api.task;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A sweep of bad requests: each gets the right 4xx as application/problem+json naming what is wrong. */
@MicronautTest(transactional = false)
class MalformedRequestTest extends RealInfrastructureTest {

    private static final String JSON = "application/json";

    record Case(String name, String method, String path, String contentType, String body, Map<String, String> headers,
                int status, String mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Inject
    EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private String taskId;

    @BeforeAll
    void createATask() throws Exception {
        HttpResponse<String> created = send(new Case("setup", "POST", "/tasks", JSON, "{\"title\":\"target\"}",
                Map.of(), 201, ""), tokenFor("alice"));
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
        assertThat(m.find()).as(created.body()).isTrue();
        taskId = m.group(1);
        send(new Case("setup", "POST", "/tasks", JSON, "{\"title\":\"x\"}", Map.of("Idempotency-Key", "used-once"),
                201, ""), tokenFor("alice"));
    }

    static Stream<Case> cases() {
        String rrule = "\"due_at\":\"2026-12-01T09:00:00Z\",\"recurrence\":";
        return Stream.of(
                post("no body", "", 400, "JSON object"),
                post("not JSON", "not json", 400, "not valid JSON: Unrecognized token 'not'"),
                post("JSON cut short", "{\"title\":\"x\"", 400, "end-of-input: expected close marker for Object at line 1, column 13"),
                post("JSON array", "[]", 400, "JSON object"),
                post("JSON string", "\"title\"", 400, "JSON object"),
                post("title wrong type", "{\"title\":42}", 400, "\"field\":\"title\""),
                post("title missing", "{}", 422, "title is required"),
                post("title empty", "{\"title\":\"\"}", 422, "must not be blank"),
                post("title blank", "{\"title\":\"   \"}", 422, "must not be blank"),
                post("title too long", "{\"title\":\"" + "x".repeat(201) + "\"}", 422, "at most 200"),
                post("unknown field", "{\"title\":\"x\",\"colour\":\"red\"}", 400, "\"field\":\"colour\""),
                post("status set directly", "{\"title\":\"x\",\"status\":\"completed\"}", 422, "/complete"),
                post("priority unknown", "{\"title\":\"x\",\"priority\":\"critical\"}", 422, "\"field\":\"priority\""),
                post("priority wrong type", "{\"title\":\"x\",\"priority\":7}", 400, "\"field\":\"priority\""),
                post("tags not an array", "{\"title\":\"x\",\"tags\":\"home\"}", 400, "\"field\":\"tags\""),
                post("tag wrong type", "{\"title\":\"x\",\"tags\":[1]}", 400, "\"field\":\"tags[0]\""),
                post("tag empty", "{\"title\":\"x\",\"tags\":[\"ok\",\"\"]}", 422, "\"field\":\"tags[1]\""),
                post("too many tags", "{\"title\":\"x\",\"tags\":" + manyTags(21) + "}", 422, "at most 20 tags"),
                post("due_at words", "{\"title\":\"x\",\"due_at\":\"tomorrow\"}", 422, "\"field\":\"due_at\""),
                post("due_at date only", "{\"title\":\"x\",\"due_at\":\"2026-11-24\"}", 422, "ISO-8601"),
                post("reminder negative", "{\"title\":\"x\",\"reminder_offset_minutes\":-5}", 422, "reminder_offset_minutes"),
                post("reminder fraction", "{\"title\":\"x\",\"reminder_offset_minutes\":1.5}", 400, "whole number"),
                post("reminder beyond int", "{\"title\":\"x\",\"reminder_offset_minutes\":3000000000}", 422, "between 0 and 40320"),
                post("reminder far below int", "{\"title\":\"x\",\"reminder_offset_minutes\":-3000000000}", 422, "between 0 and 40320"),
                post("reminder as string", "{\"title\":\"x\",\"reminder_offset_minutes\":\"30\"}", 400, "whole number"),
                post("recurrence as string", "{\"title\":\"x\",\"recurrence\":\"daily\"}", 400, "\"field\":\"recurrence\""),
                post("rrule invalid", "{\"title\":\"x\"," + rrule + "{\"rrule\":\"FREQ=SOMETIMES\",\"timezone\":\"Europe/Berlin\"}}",
                        422, "recurrence.rrule"),
                post("rrule with prefix", "{\"title\":\"x\"," + rrule + "{\"rrule\":\"RRULE:FREQ=DAILY\",\"timezone\":\"UTC\"}}",
                        422, "without the 'RRULE:' prefix"),
                post("rrule too frequent", "{\"title\":\"x\"," + rrule + "{\"rrule\":\"FREQ=MINUTELY\",\"timezone\":\"UTC\"}}",
                        422, "at most hourly"),
                post("rrule never occurs", "{\"title\":\"x\"," + rrule
                        + "{\"rrule\":\"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\",\"timezone\":\"UTC\"}}", 422, "yields no occurrence"),
                post("rrule missing", "{\"title\":\"x\"," + rrule + "{\"timezone\":\"UTC\"}}", 422, "rrule is required"),
                post("timezone unknown", "{\"title\":\"x\"," + rrule + "{\"rrule\":\"FREQ=DAILY\",\"timezone\":\"Mars/Olympus\"}}",
                        422, "recurrence.timezone"),
                post("timezone not IANA", "{\"title\":\"x\"," + rrule + "{\"rrule\":\"FREQ=DAILY\",\"timezone\":\"Berlin\"}}",
                        422, "IANA"),
                post("recurrence mode unknown", "{\"title\":\"x\"," + rrule
                        + "{\"rrule\":\"FREQ=DAILY\",\"timezone\":\"UTC\",\"mode\":\"sometimes\"}}", 422, "recurrence.mode"),
                post("recurrence unknown field", "{\"title\":\"x\"," + rrule
                        + "{\"rrule\":\"FREQ=DAILY\",\"timezone\":\"UTC\",\"every\":2}}", 400, "recurrence.every"),
                post("recurrence without due_at", "{\"title\":\"x\",\"recurrence\":{\"rrule\":\"FREQ=DAILY\",\"timezone\":\"UTC\"}}",
                        422, "\"field\":\"due_at\""),
                post("description too long", "{\"title\":\"x\",\"description\":\"" + "d".repeat(10_001) + "\"}", 422, "description"),
                post("title with NUL", "{\"title\":\"a\\u0000b\"}", 422, "{\"field\":\"title\",\"message\":\"must not contain the NUL"),
                post("title with a lone surrogate", "{\"title\":\"a\\ud800b\"}", 422, "unpaired UTF-16 surrogate"),
                post("tag with NUL", "{\"title\":\"x\",\"tags\":[\"a\\u0000\"]}", 422, "\"field\":\"tags[0]\""),
                post("due_at past year 9999", "{\"title\":\"x\",\"due_at\":\"+300000-01-01T00:00:00Z\"}", 422,
                        "{\"field\":\"due_at\",\"message\":\"must be an ISO-8601 instant from year 1 to 9999"),
                post("series_id not a UUID", "{\"title\":\"x\",\"series_id\":\"abc\"}", 422, "series_id"),
                post("body over 1 MB", "{\"title\":\"x\",\"description\":\"" + "d".repeat(1_100_000) + "\"}", 413, ""),
                new Case("content type text/plain", "POST", "/tasks", "text/plain", "{\"title\":\"x\"}", Map.of(), 415, ""),
                get("id not a UUID", "/tasks/not-a-uuid", 400, "{\"field\":\"id\",\"message\":\"must be a UUID\"}"),
                get("unknown task", "/tasks/0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f", 404, "not found"),
                get("status filter unknown", "/tasks?status=sleeping", 400, "\"field\":\"status\""),
                get("limit zero", "/tasks?limit=0", 400, "\"field\":\"limit\""),
                get("limit not a number", "/tasks?limit=abc", 400, "\"field\":\"limit\""),
                get("sort unknown", "/tasks?sort=priority", 400, "\"field\":\"sort\""),
                get("cursor garbage", "/tasks?cursor=garbage", 400, "\"field\":\"cursor\""),
                get("due_before words", "/tasks?due_before=yesterday", 400, "\"field\":\"due_before\""),
                get("due_before past year 9999", "/tasks?due_before=%2B300000-01-01T00:00:00Z", 400, "\"field\":\"due_before\""),
                get("q with NUL", "/tasks?q=a%00b", 400, "\"field\":\"q\""),
                get("tag with NUL", "/tasks?tag=a%00b", 400, "\"field\":\"tag\""),
                get("cursor with a forged key", "/tasks?cursor=" + java.util.Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("v1|-created_at|nonsense|0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f".getBytes()), 400,
                        "\"field\":\"cursor\""),
                patch("patch series_id", "{\"series_id\":\"0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f\"}", Map.of(), 422, "series_id"),
                patch("patch title null", "{\"title\":null}", Map.of(), 422, "must not be blank"),
                patch("If-Match not an ETag", "{\"title\":\"y\"}", Map.of("If-Match", "abc"), 400, "If-Match"),
                patch("If-Match stale", "{\"title\":\"y\"}", Map.of("If-Match", "\"99\""), 412, "version"),
                new Case("Idempotency-Key too long", "POST", "/tasks", JSON, "{\"title\":\"x\"}",
                        Map.of("Idempotency-Key", "k".repeat(201)), 400, "Idempotency-Key"),
                new Case("Idempotency-Key reused for another body", "POST", "/tasks", JSON, "{\"title\":\"different\"}",
                        Map.of("Idempotency-Key", "used-once"), 422, "different request"),
                new Case("reopen an open task", "POST", "/tasks/{id}/reopen", JSON, "", Map.of(), 409, "already open"),
                new Case("delete unknown task", "DELETE", "/tasks/0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f", JSON, "", Map.of(),
                        404, "not found"),
                new Case("method not allowed", "PUT", "/tasks", JSON, "{}", Map.of(), 405, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithAProblem(Case c) throws Exception {
        HttpResponse<String> response = send(c, tokenFor("alice"));

        assertThat(response.statusCode()).as("%s: %s", c.name(), response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("Content-Type")).as(c.name()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).as(c.name()).contains("\"status\":" + c.status()).contains(c.mentions());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unauthenticated")
    void refusesMissingOrBadTokens(String name, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/tasks")).GET();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(name).isEqualTo(401);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> unauthenticated() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("no token", ""),
                org.junit.jupiter.params.provider.Arguments.of("garbage token", "Bearer not.a.jwt"),
                org.junit.jupiter.params.provider.Arguments.of("token signed with another secret",
                        "Bearer " + io.taskstream.localstack.infra.Hs256Tokens.mint(
                                io.taskstream.localstack.infra.Hs256Tokens.newSecret(), "alice", List.of(),
                                java.time.Duration.ofMinutes(5))));
    }

    private HttpResponse<String> send(Case c, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + c.path().replace("{id}", String.valueOf(taskId))))
                .header("Authorization", "Bearer " + token)
                .method(c.method(), c.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body()));
        if (!c.body().isEmpty() || !c.method().equals("GET")) {
            request.header("Content-Type", c.contentType());
        }
        c.headers().forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Case post(String name, String body, int status, String mentions) {
        return new Case(name, "POST", "/tasks", JSON, body, Map.of(), status, mentions);
    }

    private static Case get(String name, String path, int status, String mentions) {
        return new Case(name, "GET", path, JSON, "", Map.of(), status, mentions);
    }

    private static Case patch(String name, String body, Map<String, String> headers, int status, String mentions) {
        return new Case(name, "PATCH", "/tasks/{id}", JSON, body, headers, status, mentions);
    }

    private static String manyTags(int n) {
        return String.join(",", Collections.nCopies(1, "")).isEmpty()
                ? "[" + String.join(",", Stream.iterate(0, i -> i + 1).limit(n).map(i -> "\"t" + i + "\"").toList()) + "]"
                : "";
    }
}
