package io.taskstream.notification.preference;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.Mailbox;
import io.taskstream.notification.MutableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;

import java.time.Duration;
import java.util.Map;

/**
 * Delivery on the real broker and database with a local SMTP server and a {@link MutableClock},
 * which tests move past windows (quiet hours, digests) instead of waiting for them.
 */
abstract class ClockedMailTest extends RealInfrastructureTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    final Mailbox mail = Mailbox.start();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    MutableClock clock;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "true", "taskstream.test.mutable-clock", "true",
                "taskstream.email.host", "127.0.0.1", "taskstream.email.port", String.valueOf(mail.port()));
    }

    @AfterAll
    void stopSmtp() {
        mail.stop();
    }

    void putPreferences(String user, Map<String, Object> body) {
        http.toBlocking().retrieve(HttpRequest.PUT("/me/preferences", body).bearerAuth(tokenFor(user)), PreferencesView.class);
    }

    Inbox inboxOf(String user) {
        return new Inbox(http.toBlocking(), tokenFor(user));
    }
}
