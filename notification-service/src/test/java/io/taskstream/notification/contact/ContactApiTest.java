package io.taskstream.notification.contact;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Inbox;
import io.taskstream.web.problem.Problem;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** PUT/GET /contacts/{userId}: admin only, validated, replaces the whole contact. */
@MicronautTest(transactional = false)
class ContactApiTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anAdminSetsAndReplacesAContact() {
        String user = "c-" + UUID.randomUUID();
        String admin = tokenFor("ops", "admin");
        put(admin, user, new ContactRequest("ada@mail.test", "+4915112345678", "Europe/Berlin"));
        Contact replaced = put(admin, user, new ContactRequest(" grace@mail.test ", null, null));
        assertThat(replaced).extracting(Contact::userId, Contact::email, Contact::phone, Contact::timezone)
                .containsExactly(user, "grace@mail.test", null, null);
        Contact shown = http.toBlocking().retrieve(HttpRequest.GET("/contacts/" + user).bearerAuth(admin), Contact.class);
        assertThat(shown).isEqualTo(replaced);
    }

    @Test
    void aUserWhoIsNotAnAdminIsForbidden() {
        String user = "c-" + UUID.randomUUID();
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> put(tokenFor(user), user, new ContactRequest("me@mail.test", null, null)));
        assertThat(e.getStatus().getCode()).isEqualTo(403);
    }

    @Test
    void invalidFieldsAreNamedTogether() {
        Inbox admin = new Inbox(http.toBlocking(), tokenFor("ops", "admin"));
        Problem problem = admin.problem(path -> HttpRequest.PUT(path,
                new ContactRequest("Ada <ada@mail.test>", "0151 123", "Mars/Base")), "/contacts/someone", 400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("email", "phone", "timezone");
        Problem offset = admin.problem(path -> HttpRequest.PUT(path, new ContactRequest(null, null, "+02:00")),
                "/contacts/someone", 400);
        assertThat(offset.errors()).as("a fixed offset has no daylight saving").extracting(Problem.FieldError::field)
                .containsExactly("timezone");
        HttpClientResponseException missing = catchThrowableOfType(HttpClientResponseException.class, () ->
                http.toBlocking().retrieve(HttpRequest.GET("/contacts/nobody").bearerAuth(tokenFor("ops", "admin"))));
        assertThat(missing.getStatus().getCode()).isEqualTo(404);
    }

    private Contact put(String token, String user, ContactRequest body) {
        return http.toBlocking().retrieve(HttpRequest.PUT("/contacts/" + user, body).bearerAuth(token), Contact.class);
    }
}
