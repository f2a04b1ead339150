package io.taskstream.notification.email;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.DeliveryView;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server accepted the message (250 to DATA), then the connection broke at QUIT: delivered, sent once. */
@MicronautTest(transactional = false)
class QuitFailureTest extends RealInfrastructureTest {

    private final ResetOnQuitSmtpServer smtp = new ResetOnQuitSmtpServer();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "true",
                "taskstream.email.host", "127.0.0.1",
                "taskstream.email.port", String.valueOf(smtp.port()),
                "taskstream.email.fallback-address", "{user}@example.test");
    }

    @AfterAll
    void stopSmtp() throws IOException {
        smtp.close();
    }

    @Test
    void aConnectionResetAfterTheServerAcceptedTheMessageIsStillDelivered() {
        String user = "quit-" + UUID.randomUUID();
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.NOTIFICATION_REQUEST), user,
                TestEvents.encode(TestEvents.request(user, "overdue", "once", "email")));
        Inbox inbox = new Inbox(http.toBlocking(), tokenFor(user));

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 1
                && !email(inbox).status().equals("pending") && !email(inbox).status().equals("sending"));
        DeliveryView email = email(inbox);
        assertThat(email.status()).as("last error: %s", email.lastError()).isEqualTo("delivered");
        assertThat(email.attempts()).isEqualTo(1);
        assertThat(smtp.accepted()).hasSize(1);
    }

    private static DeliveryView email(Inbox inbox) {
        return inbox.all().get(0).deliveries().stream().filter(d -> d.channel().equals("email")).findFirst().orElseThrow();
    }
}
