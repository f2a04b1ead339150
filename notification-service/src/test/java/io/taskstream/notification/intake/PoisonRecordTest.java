package io.taskstream.notification.intake;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.events.reminder.ReminderDue;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.NotificationView;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records that can never become a notification go to their topic's DLQ; the records after them are still stored. */
@MicronautTest(transactional = false)
class PoisonRecordTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        String user = "alice";
        byte[] notJson = {(byte) 0xC3, 0x28, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
        byte[] unknownChannel = TestEvents.encode(TestEvents.request(user, "overdue", "pigeon", "pigeon"));
        byte[] otherUsersEnvelope = TestEvents.encode(TestEvents.envelope("mallory",
                new NotificationRequested(user, "overdue", "spoofed", "spoofed", null, List.of(), false)));
        byte[] reminderWithoutUser = TestEvents.encode(TestEvents.envelope(null,
                new ReminderDue(UUID.randomUUID(), " ", "t", null, Instant.now())));

        kafka.send(topic(Topics.NOTIFICATION_REQUEST), user, notJson);
        kafka.send(topic(Topics.NOTIFICATION_REQUEST), user, unknownChannel);
        kafka.send(topic(Topics.NOTIFICATION_REQUEST), user, otherUsersEnvelope);
        kafka.send(topic(Topics.REMINDERS), user, reminderWithoutUser);
        kafka.send(topic(Topics.NOTIFICATION_REQUEST), user, TestEvents.encode(TestEvents.request(user, "overdue", "fine")));

        Inbox inbox = new Inbox(http.toBlocking(), tokenFor(user));
        await().atMost(Duration.ofSeconds(30)).until(() -> !inbox.all().isEmpty());
        List<ConsumerRecord<String, byte[]>> dead = kafka.readFromStart(
                Topics.deadLetterOf(topic(Topics.NOTIFICATION_REQUEST)), 3, Duration.ofSeconds(20));
        assertThat(dead).hasSize(3);
        ConsumerRecord<String, byte[]> first = dead.get(0);
        assertThat(first.key()).isEqualTo(user);
        assertThat(first.value()).isEqualTo(notJson);
        assertThat(header(first, DeadLetterHeaders.EXCEPTION_MESSAGE)).startsWith("MALFORMED_JSON");
        assertThat(header(first, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic(Topics.NOTIFICATION_REQUEST));
        assertThat(header(first, DeadLetterHeaders.CONSUMER_GROUP)).isEqualTo("notification-service");
        assertThat(header(first, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(dead.subList(1, 3)).allSatisfy(r ->
                assertThat(header(r, DeadLetterHeaders.EXCEPTION_CLASS)).endsWith("NonRetryableException"));
        assertThat(header(dead.get(1), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("unknown channel pigeon");
        assertThat(header(dead.get(2), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("mallory");

        List<ConsumerRecord<String, byte[]>> deadReminders = kafka.readFromStart(
                Topics.deadLetterOf(topic(Topics.REMINDERS)), 1, Duration.ofSeconds(20));
        assertThat(deadReminders).hasSize(1);
        assertThat(header(deadReminders.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE)).contains("no valid user_id");

        assertThat(inbox.all()).extracting(NotificationView::title).containsExactly("fine");
    }

    @Test
    void theDeadLetterAdminApiServesBothSourceTopics() {
        Map<String, Object> overview = http.toBlocking().retrieve(HttpRequest.GET("/admin/dlq")
                .bearerAuth(tokenFor("operator", "admin")), Argument.mapOf(String.class, Object.class));
        assertThat(overview).containsEntry("consumer_group", "notification-service");
        List<Object> sources = ((List<?>) overview.get("sources")).stream().map(s -> ((Map<?, ?>) s).get("source"))
                .map(Object.class::cast).toList();
        assertThat(sources).containsExactly("notification.request", "reminders");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
