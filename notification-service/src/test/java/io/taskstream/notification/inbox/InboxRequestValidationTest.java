package io.taskstream.notification.inbox;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Inbox;
import io.taskstream.web.problem.Problem;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Invalid parameters and bodies are answered with a 400 problem naming each bad field. */
@MicronautTest(transactional = false)
class InboxRequestValidationTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @ParameterizedTest(name = "?{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "status=new                     | status",
            "status=                        | status",
            "limit=0                        | limit",
            "limit=101                      | limit",
            "limit=ten                      | limit",
            "kind=Over%20Due                | kind",
            "kind=overdue,,reminder         | kind",
            "cursor=%21%21not-a-cursor      | cursor",
            "cursor=eHl6                    | cursor",
    })
    void rejectsABadListParameterNamingIt(String query, String field) {
        Problem problem = inbox().problem(HttpRequest::GET, "/notifications?" + query, 400);
        assertThat(problem.type()).isEqualTo(Problem.VALIDATION_TYPE);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly(field);
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        Problem problem = inbox().problem(HttpRequest::GET, "/notifications?status=x&limit=0&cursor=bad", 400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("status", "limit", "cursor");
    }

    @Test
    void aForgedCursorIsRejected() {
        // Each forgery has one thing wrong: nanos out of range, then an id that is not a UUID.
        for (String raw : List.of("inbox:v1:1:2000000000:" + UUID.randomUUID(), "inbox:v1:1:0:nope")) {
            String forged = Base64.getUrlEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            assertThat(inbox().problem(HttpRequest::GET, "/notifications?cursor=" + forged, 400).errors())
                    .as(raw).extracting(Problem.FieldError::field).containsExactly("cursor");
        }
    }

    @Test
    void rejectsBadBulkBodiesNamingEachField() {
        assertThat(bulkErrors(Map.of())).containsExactlyInAnyOrder("ids", "action");
        assertThat(bulkErrors(Map.of("ids", List.of(), "action", "read"))).containsExactly("ids");
        assertThat(bulkErrors(Map.of("ids", Collections.nCopies(101, UUID.randomUUID().toString()), "action", "read")))
                .containsExactly("ids");
        assertThat(bulkErrors(Map.of("ids", List.of(UUID.randomUUID().toString(), "x", "y"), "action", "delete")))
                .containsExactlyInAnyOrder("ids[1]", "ids[2]", "action");
    }

    @Test
    void aPathIdThatIsNotAUuidIsABadRequest() {
        Problem problem = inbox().problem(p -> HttpRequest.POST(p, ""), "/notifications/42/read", 400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("id");
    }

    @Test
    void anonymousCallersAreRejected() {
        for (String path : List.of("/notifications", "/notifications/unread-count")) {
            HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(HttpRequest.GET(path), String.class));
            assertThat(e.getStatus().getCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        }
    }

    private List<String> bulkErrors(Map<String, Object> body) {
        return inbox().problem(p -> HttpRequest.POST(p, body), "/notifications/bulk", 400).errors().stream()
                .map(Problem.FieldError::field).toList();
    }

    private Inbox inbox() {
        return new Inbox(http.toBlocking(), tokenFor("validator"));
    }
}
