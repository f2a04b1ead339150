package io.taskstream.websocket.socket;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketClient;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.websocket.updates.UpdateHistory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A second replica in the same JVM: each replica delivers to its own clients, with the same positions. */
@MicronautTest(transactional = false)
class TwoReplicasTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    WebSocketClient replicaOne;
    @Inject
    UpdateHistory history;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;
    EmbeddedServer secondServer;
    WebSocketClient replicaTwo;
    BoardUpdates updates;

    @BeforeAll
    void startSecondReplica() {
        Map<String, Object> properties = new HashMap<>();
        for (String key : List.of("kafka.bootstrap.servers", Topics.property(Topics.TASK_UPDATES),
                "micronaut.security.token.jwt.signatures.secret.generator.secret")) {
            properties.put(key, context.getRequiredProperty(key, String.class));
        }
        int port = io.taskstream.localstack.infra.Ports.free();
        properties.put("micronaut.server.port", port);
        // This client sends the Origin Netty derives from the target URL.
        properties.put("taskstream.websocket.allowed-origins", "http://localhost:" + port);
        secondServer = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        replicaTwo = secondServer.getApplicationContext().createBean(WebSocketClient.class, secondServer.getURL());
        updates = new BoardUpdates(new KafkaTestClient(infrastructure.bootstrapServers()), topic(Topics.TASK_UPDATES), json);
        UpdateHistory secondHistory = secondServer.getApplicationContext().getBean(UpdateHistory.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> history.ready() && secondHistory.ready());
    }

    @AfterAll
    void stopSecondReplica() {
        if (secondServer == null) {
            return;
        }
        try {
            secondServer.getApplicationContext().close();
        } catch (RuntimeException e) {
            // shared-messaging's IdempotentConsumer listens for ShutdownEvent and cannot be created
            // without a DataSource; the context is stopped all the same (see the README).
            org.slf4j.LoggerFactory.getLogger(TwoReplicasTest.class).warn("second replica stopped with: {}", e.toString());
        }
    }

    @Test
    void bothReplicasDeliverEveryUpdateToTheirOwnClientsAtTheSamePositions() {
        try (TestSocket one = live(replicaOne, "ivy"); TestSocket two = live(replicaTwo, "ivy")) {
            List.of("i1", "i2", "i3").forEach(t -> updates.publish("ivy", t));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(updates.titles(one)).containsExactly("i1", "i2", "i3");
                assertThat(updates.titles(two)).containsExactly("i1", "i2", "i3");
            });
            assertThat(positions(two)).isEqualTo(positions(one));
        }
    }

    @Test
    void aPositionFromOneReplicaResumesOnTheOther() {
        String last;
        try (TestSocket one = live(replicaOne, "jack")) {
            updates.publish("jack", "j1");
            await().atMost(Duration.ofSeconds(15)).until(() -> updates.titles(one).size() == 1);
            last = positions(one).get(0);
        }
        List.of("j2", "j3").forEach(t -> updates.publish("jack", t));
        try (TestSocket two = connect(replicaTwo, "jack", last)) {
            await().atMost(Duration.ofSeconds(15)).during(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(updates.titles(two)).containsExactly("j2", "j3"));
        }
    }

    private List<String> positions(TestSocket socket) {
        return socket.messages().stream().filter(m -> "update".equals(updates.type(m))).map(updates::position).toList();
    }

    private TestSocket live(WebSocketClient client, String user) {
        TestSocket socket = connect(client, user, null);
        await().atMost(Duration.ofSeconds(15)).until(() -> socket.messages().stream().anyMatch(m -> "hello".equals(updates.type(m))));
        return socket;
    }

    private TestSocket connect(WebSocketClient client, String user, String after) {
        String uri = "/ws/updates?access_token=" + tokenFor(user) + (after == null ? "" : "&after=" + after);
        return Mono.from(client.connect(TestSocket.class, HttpRequest.GET(uri))).block(Duration.ofSeconds(15));
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }
}
