package io.taskstream.websocket.socket;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketClient;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.websocket.updates.UpdateHistory;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What operators read on {@code /prometheus}: connections, pushes, push latency, refusals. */
@MicronautTest(transactional = false)
class SocketMetricsTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    WebSocketClient ws;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    UpdateHistory history;
    @Inject
    JsonMapper json;
    BoardUpdates updates;

    @BeforeAll
    void listenerFollowsTheTopic() {
        updates = new BoardUpdates(new KafkaTestClient(infrastructure.bootstrapServers()), topic(Topics.TASK_UPDATES), json);
        await().atMost(Duration.ofSeconds(60)).until(history::ready);
    }

    @Test
    void connectionsPushesLatencyAndRefusalsAreExported() {
        try (TestSocket one = connect(tokenFor("lena")); TestSocket two = connect(tokenFor("lena"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> hasHello(one) && hasHello(two));
            updates.publish("lena", "measured");
            await().atMost(Duration.ofSeconds(15)).until(() -> updates.titles(one).size() == 1 && updates.titles(two).size() == 1);
            TestSocket refused = connect("not-a-jwt");
            await().atMost(Duration.ofSeconds(15)).until(() -> refused.closeReason() != null);

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                String scrape = http.toBlocking().retrieve(HttpRequest.GET("/prometheus"));
                assertThat(value(scrape, "taskstream_websocket_connections")).isEqualTo(2);
                assertThat(value(scrape, "taskstream_websocket_messages_pushed_total{type=\"update\"}")).isEqualTo(2);
                assertThat(value(scrape, "taskstream_websocket_messages_pushed_total{type=\"hello\"}")).isEqualTo(2);
                assertThat(value(scrape, "taskstream_websocket_push_latency_seconds_count")).isEqualTo(2);
                assertThat(value(scrape, "taskstream_websocket_refused_total{code=\"4401\"}")).isEqualTo(1);
            });
        }
        await().atMost(Duration.ofSeconds(15)).until(() ->
                value(http.toBlocking().retrieve(HttpRequest.GET("/prometheus")), "taskstream_websocket_connections") == 0);
    }

    /** The sample's value; fails when the series is absent. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private boolean hasHello(TestSocket socket) {
        return socket.messages().stream().anyMatch(m -> "hello".equals(updates.type(m)));
    }

    private TestSocket connect(String token) {
        return Mono.from(ws.connect(TestSocket.class, HttpRequest.GET("/ws/updates?access_token=" + token)))
                .block(Duration.ofSeconds(15));
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }
}
