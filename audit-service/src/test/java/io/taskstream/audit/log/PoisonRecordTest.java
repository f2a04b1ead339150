package io.taskstream.audit.log;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records that can never be applied go to task-events.dlq with their diagnosis; the ones after them are still stored. */
@MicronautTest(transactional = false)
class PoisonRecordTest extends RealInfrastructureTest {

    private static final String TASK_ID = "0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        String created = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8);
        byte[] notJson = {(byte) 0xC3, 0x28, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
        byte[] unknownType = created.replace("\"task.created\"", "\"task.teleported\"").getBytes(StandardCharsets.UTF_8);
        byte[] invalidPayload = created.replace("\"task\":", "\"not_a_task\":").getBytes(StandardCharsets.UTF_8);
        byte[] noVersion = created.replace("\"aggregate_version\": 1,", "")
                .replace("0193a5b0-8000-7000-8000-000000000001", "0193a5b0-8000-7000-8000-0000000000ff").getBytes(StandardCharsets.UTF_8);

        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, notJson);
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, unknownType);
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, invalidPayload);
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, noVersion);
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, created.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> !trail().isEmpty());
        List<ConsumerRecord<String, byte[]>> dead = kafka.readFromStart(
                Topics.deadLetterOf(topic(Topics.TASK_EVENTS)), 4, Duration.ofSeconds(20));
        assertThat(dead).hasSize(4);
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.EXCEPTION_MESSAGE))
                .anySatisfy(m -> assertThat(m).startsWith("MALFORMED_JSON"))
                .anySatisfy(m -> assertThat(m).startsWith("UNKNOWN_TYPE"))
                .anySatisfy(m -> assertThat(m).startsWith("INVALID_PAYLOAD"))
                .anySatisfy(m -> assertThat(m).contains("aggregate_version"));
        ConsumerRecord<String, byte[]> first = dead.stream()
                .filter(r -> header(r, DeadLetterHeaders.EXCEPTION_MESSAGE).startsWith("MALFORMED_JSON")).findFirst().orElseThrow();
        assertThat(first.key()).isEqualTo(TASK_ID);
        assertThat(first.value()).isEqualTo(notJson);
        assertThat(header(first, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic(Topics.TASK_EVENTS));
        assertThat(header(first, DeadLetterHeaders.ORIGINAL_OFFSET)).isNotBlank();
        assertThat(header(first, DeadLetterHeaders.ORIGINAL_PARTITION)).isNotBlank();
        assertThat(header(first, DeadLetterHeaders.CONSUMER_GROUP)).isEqualTo("audit-service");
        assertThat(header(first, DeadLetterHeaders.EXCEPTION_CLASS)).endsWith("EventDecodingException");
        assertThat(header(first, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(trail()).hasSize(1);
        String scrape = http.toBlocking().retrieve(HttpRequest.GET("/prometheus")); // no token: scrapers have none
        assertThat(scrape.lines().filter(l -> l.startsWith("taskstream_dlq_records_total{")
                && l.contains("topic=\"" + topic(Topics.TASK_EVENTS) + "\"") && l.contains("group=\"audit-service\"")))
                .as("dead letters counted per source topic").singleElement().satisfies(l -> assertThat(l).endsWith(" 4.0"));
    }

    private List<AuditEntryView> trail() {
        return http.toBlocking().retrieve(HttpRequest.GET("/audit?taskId=" + TASK_ID).bearerAuth(tokenFor("alice")),
                io.taskstream.audit.query.AuditPage.class).items();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
