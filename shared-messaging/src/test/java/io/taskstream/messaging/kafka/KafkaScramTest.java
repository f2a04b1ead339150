package io.taskstream.messaging.kafka;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.messaging.consumer.RecordingListener;
import io.taskstream.messaging.outbox.OutboxWriter;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.envelope.EventEnvelope;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole client side over SASL/SCRAM-SHA-512 against the broker's SCRAM listener: the outbox
 * relay produces, a listener consumes, readiness's admin client reads offsets. A wrong password is refused.
 */
@MicronautTest(transactional = false)
class KafkaScramTest extends RealInfrastructureTest {

    private static final String USER = "taskstream-scram-test";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    @Inject
    OutboxWriter outbox;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    RecordingListener listener;
    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        infrastructure.createScramUser("SCRAM-SHA-512", USER, PASSWORD);
        return Map.of("kafka.bootstrap.servers", infrastructure.saslBootstrapServers(),
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.username", USER,
                "kafka.sasl.password", PASSWORD,
                "test.recording-listener", "true");
    }

    @Test
    void producersConsumersAndAdminAuthenticateWithScram() throws Exception {
        EventEnvelope<TaskCreated> event = io.taskstream.messaging.outbox.OutboxEvents.event(UUID.randomUUID(), 1);
        transactions.executeWrite(status -> {
            outbox.append(topic(Topics.TASK_EVENTS), event.aggregateId(), event);
            return null;
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> listener.applied().contains(event.eventId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 200);
        assertThat(readiness().body()).doesNotContain("unknown");
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = new HashMap<>(new KafkaSecuritySettings("SASL_PLAINTEXT", "SCRAM-SHA-512", USER,
                "wrong", "", "", "").clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.saslBootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic(Topics.TASK_EVENTS), "k", new byte[1]))
                    .get(20, TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private HttpResponse<String> readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health/readiness"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
