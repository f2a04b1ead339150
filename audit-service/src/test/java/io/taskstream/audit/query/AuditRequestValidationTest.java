package io.taskstream.audit.query;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.web.problem.Problem;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Invalid query parameters are answered with a 400 problem naming each bad parameter. */
@MicronautTest(transactional = false)
class AuditRequestValidationTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @ParameterizedTest(name = "{0}?{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "/audit        | from=yesterday                                      | from",
            "/audit        | to=2026-13-01T00:00:00Z                             | to",
            "/audit        | from=2026-01-02T00:00:00Z&to=2026-01-02T00:00:00Z   | to",
            "/audit        | from=2026-01-03T00:00:00Z&to=2026-01-02T00:00:00Z   | to",
            "/audit        | limit=0                                             | limit",
            "/audit        | limit=501                                           | limit",
            "/audit        | limit=ten                                           | limit",
            "/audit        | cursor=%21%21not-a-cursor                           | cursor",
            "/audit        | cursor=eHl6                                         | cursor",
            "/audit        | type=Task%20Updated                                 | type",
            "/audit        | type=task.updated,,task.created                     | type",
            "/audit        | type=task.                                          | type",
            "/audit/export | format=xml                                          | format",
            "/audit/export | from=soon                                           | from",
    })
    void rejectsABadParameterNamingIt(String path, String query, String field) {
        Problem problem = problem(path + "?" + query);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo(Problem.VALIDATION_TYPE);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly(field);
    }

    @Test
    void reportsEveryBadParameterAtOnce() {
        Problem problem = problem("/audit?from=x&limit=0&cursor=bad");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("from", "limit", "cursor");
    }

    @Test
    void aCursorForAnotherPositionFormatIsRejected() {
        String forged = Base64.getUrlEncoder().encodeToString("audit:v1:-5".getBytes(StandardCharsets.UTF_8));
        assertThat(problem("/audit?cursor=" + forged).errors()).extracting(Problem.FieldError::field).containsExactly("cursor");
    }

    @Test
    void anExportOfAnotherUsersTrailIsForbidden() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET("/audit/export?userId=bob").bearerAuth(tokenFor("alice")), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t ->
                assertThat(t.toString()).startsWith(Problem.CONTENT_TYPE));
    }

    @Test
    void anonymousCallersAreRejected() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/audit"), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    private Problem problem(String uri) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET(uri).bearerAuth(tokenFor("erin", "auditor")), String.class));
        assertThat(e).as(uri + " is rejected").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t ->
                assertThat(t.toString()).startsWith(Problem.CONTENT_TYPE));
        return e.getResponse().getBody(Argument.of(Problem.class)).orElseThrow();
    }
}
