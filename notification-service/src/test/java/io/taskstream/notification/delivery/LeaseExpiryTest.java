package io.taskstream.notification.delivery;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Contacts;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.DeliveryView;
import io.taskstream.notification.inbox.NotificationView;
import io.taskstream.notification.sms.LocalSmsGateway;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sender that stopped mid-send leaves its row {@code sending}; once the lease has expired, sms
 * (listed in retry-unknown-outcome) is sent again, email is failed as "outcome unknown" (at most once).
 */
@MicronautTest(transactional = false)
class LeaseExpiryTest extends RealInfrastructureTest {

    private final LocalSmsGateway gateway = new LocalSmsGateway();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "true", "taskstream.sms.url", gateway.url());
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
    }

    @Test
    void anExpiredLeaseRetriesSmsButFailsEmail() {
        String user = "lease-" + UUID.randomUUID();
        String phone = "+4915100" + (System.nanoTime() % 100000);
        new Contacts(http.toBlocking(), tokenFor("ops", "admin")).put(user, null, phone);
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.NOTIFICATION_REQUEST), user,
                TestEvents.encode(TestEvents.request(user, "overdue", "crash", "email", "sms")));
        Inbox inbox = new Inbox(http.toBlocking(), tokenFor(user));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 1
                && channel(inbox.all().get(0), "sms").status().equals("delivered"));
        UUID id = inbox.all().get(0).id();

        // As if a worker had claimed both rows (attempt 1) and died before recording the outcome.
        assertThat(simulateCrashedSender(id, "sms")).isEqualTo(1);
        assertThat(simulateCrashedSender(id, "email")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).until(() -> channel(inbox.all().get(0), "email").status().equals("failed")
                && channel(inbox.all().get(0), "sms").status().equals("delivered"));
        DeliveryView email = channel(inbox.all().get(0), "email");
        assertThat(email.attempts()).isEqualTo(1);
        assertThat(email.lastError()).isEqualTo("outcome unknown: the sender stopped during attempt 1 (lease expired)");
        DeliveryView sms = channel(inbox.all().get(0), "sms");
        assertThat(sms.attempts()).isEqualTo(2);
        assertThat(sms.lastError()).startsWith("outcome unknown");
        assertThat(gateway.receivedFor(phone)).hasSize(2)
                .allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo(id + ":sms"));
    }

    private int simulateCrashedSender(UUID notificationId, String channel) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection().prepareStatement("""
                    UPDATE notification_deliveries SET status = 'sending', attempts = 1, delivered_at = NULL,
                        next_attempt_at = clock_timestamp() - interval '1 second'
                    WHERE notification_id = ? AND channel = ?""")) {
                update.setObject(1, notificationId);
                update.setString(2, channel);
                return update.executeUpdate();
            }
        });
    }

    private static DeliveryView channel(NotificationView n, String channel) {
        return n.deliveries().stream().filter(d -> d.channel().equals(channel)).findFirst().orElseThrow();
    }
}
