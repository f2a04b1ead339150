package io.taskstream.notification.preference;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Contacts;
import io.taskstream.notification.Inbox;
import io.taskstream.web.problem.Problem;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** GET/PUT /me/preferences: defaults, the contact's timezone, replace, validation as one 400 problem. */
@MicronautTest(transactional = false)
class PreferencesApiTest extends RealInfrastructureTest {

    private static final Map<String, Boolean> ALL_ON = Map.of("in_app", true, "email", true, "sms", true);

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void withoutStoredPreferencesTheDefaultsAreServed() {
        String user = "p-" + UUID.randomUUID();
        PreferencesView view = get(user);
        assertThat(view.userId()).isEqualTo(user);
        assertThat(view.timezone()).isNull();
        assertThat(view.effectiveTimezone()).isEqualTo("UTC");
        assertThat(view.quietHours()).isNull();
        assertThat(view.digestMinutes()).isZero();
        assertThat(view.channels()).isEqualTo(Map.of("*", ALL_ON));
        assertThat(view.updatedAt()).isNull();
    }

    @Test
    void aPutReplacesEverythingAndTheContactsTimezoneFillsIn() {
        String user = "p-" + UUID.randomUUID();
        new Contacts(http.toBlocking(), tokenFor("ops", "admin")).put(user, "p@mail.test", null); // Europe/Berlin
        assertThat(get(user).effectiveTimezone()).isEqualTo("Europe/Berlin");

        PreferencesView put = put(user, Map.of("timezone", "America/New_York",
                "quiet_hours", Map.of("start", "22:00", "end", "07:30"), "digest_minutes", 30,
                "channels", Map.of("*", Map.of("sms", false), "reminder", Map.of("email", false, "sms", true))));
        assertThat(put.timezone()).isEqualTo("America/New_York");
        assertThat(put.effectiveTimezone()).isEqualTo("America/New_York");
        assertThat(put.quietHours()).isEqualTo(new QuietHoursBody("22:00", "07:30"));
        assertThat(put.digestMinutes()).isEqualTo(30);
        assertThat(put.channels()).isEqualTo(Map.of("*", Map.of("in_app", true, "email", true, "sms", false),
                "reminder", Map.of("email", false, "sms", true)));
        assertThat(put.updatedAt()).isNotNull();
        assertThat(get(user)).isEqualTo(put);

        PreferencesView cleared = put(user, Map.of());
        assertThat(cleared.timezone()).isNull();
        assertThat(cleared.effectiveTimezone()).isEqualTo("Europe/Berlin");
        assertThat(cleared.quietHours()).isNull();
        assertThat(cleared.digestMinutes()).isZero();
        assertThat(cleared.channels()).isEqualTo(Map.of("*", ALL_ON));
    }

    @Test
    void invalidFieldsAreNamedTogetherAndNothingIsStored() {
        String user = "p-" + UUID.randomUUID();
        Map<String, Object> channels = new LinkedHashMap<>();
        channels.put("Bad Kind", Map.of("email", false));
        channels.put("reminder", Map.of("fax", true, "in_app", false));
        Problem problem = problem(user, Map.of("timezone", "Mars/Base", "quiet_hours", Map.of("start", "25:00", "end", "7"),
                "digest_minutes", 1441, "channels", channels));
        assertThat(problem.type()).isEqualTo(Problem.VALIDATION_TYPE);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("timezone",
                "quiet_hours.start", "quiet_hours.end", "digest_minutes", "channels.Bad Kind",
                "channels.reminder.fax", "channels.reminder.in_app");

        assertThat(problem(user, Map.of("quiet_hours", Map.of("start", "22:00", "end", "22:00"), "digest_minutes", -1,
                "timezone", "+02:00")).errors()).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("quiet_hours.end", "digest_minutes", "timezone");
        assertThat(problem(user, Map.of("quiet_hours", Map.of("start", "22:00"))).errors())
                .extracting(Problem.FieldError::field).containsExactly("quiet_hours.end");
        assertThat(get(user).updatedAt()).isNull();
    }

    @Test
    void wronglyTypedValuesAreAProblemToo() {
        String user = "p-" + UUID.randomUUID();
        assertThat(problem(user, Map.of("digest_minutes", "ten")).status()).isEqualTo(400);
        assertThat(problem(user, Map.of("channels", Map.of("reminder", Map.of("email", List.of())))).status()).isEqualTo(400);
        assertThat(get(user).updatedAt()).isNull();
    }

    @Test
    void anonymousCallersAreRejected() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/me/preferences"), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(401);
    }

    private PreferencesView get(String user) {
        return http.toBlocking().retrieve(HttpRequest.GET("/me/preferences").bearerAuth(tokenFor(user)), PreferencesView.class);
    }

    private PreferencesView put(String user, Map<String, Object> body) {
        return http.toBlocking().retrieve(HttpRequest.PUT("/me/preferences", body).bearerAuth(tokenFor(user)),
                PreferencesView.class);
    }

    private Problem problem(String user, Map<String, Object> body) {
        return new Inbox(http.toBlocking(), tokenFor(user)).problem(path -> HttpRequest.PUT(path, body),
                "/me/preferences", 400);
    }
}
