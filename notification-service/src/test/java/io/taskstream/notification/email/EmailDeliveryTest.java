package io.taskstream.notification.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
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
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Email over SMTP to a real in-JVM SMTP server (GreenMail, with authentication). */
@MicronautTest(transactional = false)
class EmailDeliveryTest extends RealInfrastructureTest {

    private final GreenMail smtp = startSmtp();

    @Inject
    @Client("/")
    HttpClient http;

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        server.setUser("taskstream", "s3cret");
        return server;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "true",
                "taskstream.email.host", "127.0.0.1",
                "taskstream.email.port", String.valueOf(smtp.getSmtp().getPort()),
                "taskstream.email.username", "taskstream",
                "taskstream.email.password", "s3cret",
                "taskstream.email.from", "noreply@taskstream.test",
                "taskstream.delivery.task-link-base-url", "https://app.taskstream.test/");
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void anEmailArrivesExactlyOnceForARequestDeliveredTwice() throws MessagingException {
        String user = "mail-" + UUID.randomUUID();
        byte[] request = TestEvents.encode(TestEvents.request(user, "overdue", "first", "in_app", "email"));
        send(Topics.NOTIFICATION_REQUEST, user, request);
        send(Topics.NOTIFICATION_REQUEST, user, request);
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(TestEvents.request(user, "overdue", "marker", "email")));
        Inbox inbox = inboxOf(user);

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 2
                && inbox.all().stream().allMatch(n -> email(n).status().equals("delivered")));
        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(user + "@example.test").size() == 2);
        List<MimeMessage> first = mailTo(user + "@example.test").stream().filter(m -> subject(m).equals("first")).toList();
        assertThat(first).hasSize(1);
        assertThat(GreenMailUtil.getBody(first.get(0)).strip()).isEqualTo("about first");
        assertThat(first.get(0).getFrom()[0].toString()).isEqualTo("noreply@taskstream.test");
        DeliveryView delivery = email(inbox.all().get(1));
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.deliveredAt()).isNotNull();
        assertThat(delivery.lastError()).isNull();
    }

    @Test
    void aReminderGoesToTheContactAddressWithTheTaskLink() throws MessagingException {
        String user = "contact-" + UUID.randomUUID();
        new Contacts(http.toBlocking(), tokenFor("ops", "admin")).put(user, "ada.lovelace@mail.test", null);
        UUID taskId = UUID.randomUUID();
        send(Topics.REMINDERS, taskId.toString(), TestEvents.encode(TestEvents.reminder(user, taskId, "Water the plants",
                Instant.parse("2026-11-24T09:00:00Z"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo("ada.lovelace@mail.test").size() == 1);
        MimeMessage mail = mailTo("ada.lovelace@mail.test").get(0);
        assertThat(subject(mail)).isEqualTo("Reminder: Water the plants");
        assertThat(GreenMailUtil.getBody(mail).replace("\r\n", "\n").strip()).isEqualTo(
                "'Water the plants' is due at 2026-11-24T09:00:00Z\n\nhttps://app.taskstream.test/tasks/" + taskId);
        assertThat(mailTo(user + "@example.test")).isEmpty();
        Inbox inbox = inboxOf(user);
        await().atMost(Duration.ofSeconds(10)).until(() -> email(inbox.all().get(0)).status().equals("delivered"));
        assertThat(mail.getHeader(EmailSender.NOTIFICATION_HEADER)[0]).isEqualTo(inbox.all().get(0).id().toString());
    }

    @Test
    void anUnusableAddressFailsAtOnceVisiblyAndInAppIsUnaffected() {
        String user = "no:mail-" + UUID.randomUUID();
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(TestEvents.request(user, "overdue", "lost", "in_app", "email")));
        Inbox inbox = inboxOf(user);

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 1
                && email(inbox.all().get(0)).status().equals("failed"));
        NotificationView notification = inbox.all().get(0);
        DeliveryView failed = email(notification);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).startsWith("invalid email address");
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(notification.deliveries().get(0).channel()).isEqualTo("in_app");
        assertThat(notification.deliveries().get(0).status()).isEqualTo("delivered");
        assertThat(inbox.unreadCount().unread()).isEqualTo(1);
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> Arrays.stream(unchecked(() ->
                m.getRecipients(Message.RecipientType.TO))).anyMatch(a -> a.toString().equals(address))).toList();
    }

    private static String subject(MimeMessage message) {
        return unchecked(message::getSubject);
    }

    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static DeliveryView email(NotificationView n) {
        return n.deliveries().stream().filter(d -> d.channel().equals("email")).findFirst().orElseThrow();
    }

    private void send(String topic, String key, byte[] value) {
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(topic), key, value);
    }

    private Inbox inboxOf(String user) {
        return new Inbox(http.toBlocking(), tokenFor(user));
    }
}
