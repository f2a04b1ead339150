package io.taskstream.notification.sms;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Contacts;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.DeliveryView;
import io.taskstream.notification.inbox.NotificationView;
import jakarta.inject.Inject;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMS through a real local HTTP gateway; each channel's row retries on its own. Email has no SMTP
 * server in this class, so its rows must stay pending, untouched by the sms failures.
 */
@MicronautTest(transactional = false)
class SmsDeliveryTest extends RealInfrastructureTest {

    private static final AtomicLong PHONES = new AtomicLong(15550000000L);

    private final LocalSmsGateway gateway = new LocalSmsGateway();

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "true",
                "taskstream.delivery.max-attempts", "4",
                "taskstream.sms.url", gateway.url(),
                "taskstream.sms.token", "gateway-token");
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
    }

    @Test
    void aGatewayThatFailsTwiceThenSucceedsEndsDeliveredAfterThreeAttempts() throws IOException {
        String phone = "+" + PHONES.incrementAndGet();
        gateway.script(phone, 503, "busy").script(phone, 503, "still busy");
        Inbox inbox = userWithPhone(phone, "Pay rent");

        DeliveryView sms = awaitSms(inbox, "delivered");
        assertThat(sms.attempts()).isEqualTo(3);
        assertThat(sms.deliveredAt()).isNotNull();
        assertThat(sms.lastError()).isEqualTo("gateway answered 503: still busy");
        assertThat(gateway.receivedFor(phone)).extracting(LocalSmsGateway.Received::answeredWith).containsExactly(503, 503, 200);
        LocalSmsGateway.Received last = gateway.receivedFor(phone).get(2);
        assertThat(last.authorization()).isEqualTo("Bearer gateway-token");
        assertThat(last.idempotencyKey()).isEqualTo(inbox.all().get(0).id() + ":sms");
        SmsMessage body = json.readValue(last.body(), SmsMessage.class);
        assertThat(body).isEqualTo(new SmsMessage(phone, "Pay rent\nabout Pay rent"));
        assertInAppDeliveredAndEmailUntouched(inbox.all().get(0));
    }

    /** The gateway accepted (200) but never sends the body it announced: delivered, and the worker is not stuck. */
    @Test
    void aGatewayThatAcceptsAndThenStallsItsBodyStillEndsDelivered() {
        String stalled = "+" + PHONES.incrementAndGet();
        gateway.stallBodyFor(stalled);
        Inbox inbox = userWithPhone(stalled, "Accepted");

        DeliveryView sms = awaitSms(inbox, "delivered");
        assertThat(sms.attempts()).isEqualTo(1);
        assertThat(gateway.receivedFor(stalled)).hasSize(1);
        String next = "+" + PHONES.incrementAndGet();
        assertThat(awaitSms(userWithPhone(next, "After it"), "delivered").attempts()).as("the worker went on").isEqualTo(1);
    }

    @Test
    void aRejectedNumberFailsAtOnceAndTheErrorIsVisibleInTheInbox() {
        String phone = "+" + PHONES.incrementAndGet();
        gateway.script(phone, 400, "{\"error\":\"unknown number\"}");
        Inbox inbox = userWithPhone(phone, "Rejected");

        DeliveryView sms = awaitSms(inbox, "failed");
        assertThat(sms.attempts()).isEqualTo(1);
        assertThat(sms.lastError()).isEqualTo("gateway answered 400: {\"error\":\"unknown number\"}");
        assertThat(sms.nextAttemptAt()).isNull();
        assertThat(gateway.receivedFor(phone)).hasSize(1);
        assertInAppDeliveredAndEmailUntouched(inbox.all().get(0));
        assertThat(inbox.unreadCount().unread()).isEqualTo(1);
    }

    @Test
    void retriesRunOutAfterMaxAttemptsAnd429IsRetried() {
        String phone = "+" + PHONES.incrementAndGet();
        gateway.script(phone, 429, "slow down").script(phone, 500, "").script(phone, 502, "").script(phone, 503, "down");
        Inbox inbox = userWithPhone(phone, "Never");

        DeliveryView sms = awaitSms(inbox, "failed");
        assertThat(sms.attempts()).isEqualTo(4);
        assertThat(sms.lastError()).isEqualTo("gateway answered 503: down");
        assertThat(gateway.receivedFor(phone)).extracting(LocalSmsGateway.Received::answeredWith)
                .containsExactly(429, 500, 502, 503);
    }

    @Test
    void aUserWithoutAPhoneNumberFailsWithoutCallingTheGateway() {
        String user = "nophone-" + UUID.randomUUID();
        send(user, "No phone");
        Inbox inbox = new Inbox(http.toBlocking(), tokenFor(user));

        DeliveryView sms = awaitSms(inbox, "failed");
        assertThat(sms.attempts()).isEqualTo(1);
        assertThat(sms.lastError()).isEqualTo("no phone number for user " + user);
    }

    private Inbox userWithPhone(String phone, String title) {
        String user = "sms-" + UUID.randomUUID();
        new Contacts(http.toBlocking(), tokenFor("ops", "admin")).put(user, null, phone);
        send(user, title);
        return new Inbox(http.toBlocking(), tokenFor(user));
    }

    private void send(String user, String title) {
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.NOTIFICATION_REQUEST), user,
                TestEvents.encode(TestEvents.request(user, "overdue", title, "in_app", "email", "sms")));
    }

    private static DeliveryView awaitSms(Inbox inbox, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 1
                && sms(inbox.all().get(0)).status().equals(status));
        return sms(inbox.all().get(0));
    }

    private static DeliveryView sms(NotificationView n) {
        return n.deliveries().stream().filter(d -> d.channel().equals("sms")).findFirst().orElseThrow();
    }

    private static void assertInAppDeliveredAndEmailUntouched(NotificationView n) {
        assertThat(n.deliveries()).extracting(DeliveryView::channel, DeliveryView::status, DeliveryView::attempts)
                .contains(Tuple.tuple("in_app", "delivered", 1), Tuple.tuple("email", "pending", 0));
    }
}
