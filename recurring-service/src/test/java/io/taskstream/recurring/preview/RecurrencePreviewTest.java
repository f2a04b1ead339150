package io.taskstream.recurring.preview;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.web.problem.Problem;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.assertj.core.groups.Tuple;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest(transactional = false)
class RecurrencePreviewTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    @SuppressWarnings("unchecked")
    void listsTheFirstOccurrencesOnTheWallClockInSnakeCase() {
        Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.GET(
                        uri("FREQ=DAILY", "Europe/Berlin", "2025-03-28T09:00", "3")).bearerAuth(tokenFor("alice")),
                Argument.mapOf(String.class, Object.class));

        assertThat(body).containsEntry("rrule", "FREQ=DAILY").containsEntry("timezone", "Europe/Berlin")
                .containsEntry("from", "2025-03-28T09:00:00").containsEntry("count", 3).containsEntry("more", true);
        assertThat((List<Map<String, Object>>) body.get("occurrences")).extracting(o -> o.get("at"), o -> o.get("local"))
                .containsExactly(
                        Tuple.tuple("2025-03-28T08:00:00Z", "2025-03-28T09:00:00+01:00"),
                        Tuple.tuple("2025-03-29T08:00:00Z", "2025-03-29T09:00:00+01:00"),
                        Tuple.tuple("2025-03-30T07:00:00Z", "2025-03-30T09:00:00+02:00"));
    }

    @Test
    void anInstantFromIsReadOnTheZonesWallClockAndCountDefaultsToFive() {
        RecurrencePreview preview = get(uri("FREQ=MONTHLY;BYMONTHDAY=-1", "America/New_York", "2024-01-31T14:00:00Z", null));

        assertThat(preview.from()).isEqualTo("2024-01-31T09:00:00");
        assertThat(preview.occurrences()).extracting(RecurrencePreview.Occurrence::local).containsExactly(
                "2024-01-31T09:00:00-05:00", "2024-02-29T09:00:00-05:00", "2024-03-31T09:00:00-04:00",
                "2024-04-30T09:00:00-04:00", "2024-05-31T09:00:00-04:00");
    }

    @Test
    void aSeriesThatEndsSaysThereIsNoMore() {
        RecurrencePreview preview = get(uri("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=2", "UTC", "2025-01-06T09:00", "10"));

        assertThat(preview.occurrences()).hasSize(2);
        assertThat(preview.more()).isFalse();
    }

    @Test
    void reportsEveryBadParameterAtOnceAs400WhenOneIsMalformed() {
        Problem problem = problem(uri("FREQ=DAYLY", "Nowhere/Zone", "tomorrow", "0"), HttpStatus.BAD_REQUEST);

        assertThat(problem.type()).isEqualTo(Problem.VALIDATION_TYPE);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("rrule", "tz", "from", "count");
    }

    @Test
    void explainsWhatIsWrongWithTheRule() {
        assertThat(problem(uri("FREQ=WEEKLY;BYDAY=XX", "Europe/Berlin", "2025-01-06T09:00", null), HttpStatus.UNPROCESSABLE_ENTITY)
                .errors()).singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("rrule");
                    assertThat(e.message()).contains("not a valid RFC 5545 RRULE").contains("XX");
                });
        assertThat(problem(uri("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "UTC", "2025-01-06T09:00", null),
                HttpStatus.UNPROCESSABLE_ENTITY).errors()).singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("rrule");
                    assertThat(e.message()).contains("no further occurrence");
                });
    }

    @Test
    void namesEachInvalidField() {
        assertField(uri("FREQ=MINUTELY", "UTC", "2025-01-06T09:00", null), HttpStatus.UNPROCESSABLE_ENTITY, "rrule");
        assertField(uri(null, "UTC", "2025-01-06T09:00", null), HttpStatus.BAD_REQUEST, "rrule");
        assertField(uri("FREQ=DAILY", "Mars/Olympus_Mons", "2025-01-06T09:00", null), HttpStatus.UNPROCESSABLE_ENTITY, "tz");
        assertField(uri("FREQ=DAILY", "CET", "2025-01-06T09:00", null), HttpStatus.UNPROCESSABLE_ENTITY, "tz");
        assertField(uri("FREQ=DAILY", null, "2025-01-06T09:00", null), HttpStatus.BAD_REQUEST, "tz");
        assertField(uri("FREQ=DAILY", "UTC", "2025-13-06T09:00", null), HttpStatus.BAD_REQUEST, "from");
        assertField(uri("FREQ=DAILY", "UTC", null, null), HttpStatus.BAD_REQUEST, "from");
        assertField(uri("FREQ=DAILY", "UTC", "2025-01-06T09:00", "101"), HttpStatus.UNPROCESSABLE_ENTITY, "count");
        assertField(uri("FREQ=DAILY", "UTC", "2025-01-06T09:00", "ten"), HttpStatus.BAD_REQUEST, "count");
    }

    @Test
    void anonymousCallersAreRejected() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET(uri("FREQ=DAILY", "UTC", "2025-01-06T09:00", null)), String.class));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
    }

    private void assertField(URI uri, HttpStatus status, String field) {
        assertThat(problem(uri, status).errors()).as(uri.toString()).extracting(Problem.FieldError::field).containsExactly(field);
    }

    private RecurrencePreview get(URI uri) {
        return http.toBlocking().retrieve(HttpRequest.GET(uri).bearerAuth(tokenFor("alice")), RecurrencePreview.class);
    }

    private Problem problem(URI uri, HttpStatus status) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.GET(uri).bearerAuth(tokenFor("alice")), String.class));
        assertThat(e).as(uri + " is rejected").isNotNull();
        assertThat(e.getStatus().getCode()).as(uri.toString()).isEqualTo(status.getCode());
        assertThat(e.getResponse().getContentType()).hasValueSatisfying(t ->
                assertThat(t.toString()).startsWith(Problem.CONTENT_TYPE));
        return e.getResponse().getBody(Argument.of(Problem.class)).orElseThrow();
    }

    private static URI uri(String rrule, String tz, String from, String count) {
        UriBuilder uri = UriBuilder.of("/recurrence/preview");
        if (rrule != null) {
            uri.queryParam("rrule", rrule);
        }
        if (tz != null) {
            uri.queryParam("tz", tz);
        }
        if (from != null) {
            uri.queryParam("from", from);
        }
        if (count != null) {
            uri.queryParam("count", count);
        }
        return uri.build();
    }
}
