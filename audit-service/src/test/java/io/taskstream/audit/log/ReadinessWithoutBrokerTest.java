package io.taskstream.audit.log;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.infra.Ports;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker reachable the service stays ready and its HTTP API keeps answering from PostgreSQL:
 * a Kafka outage must not take every replica out of its Service. (micronaut-kafka's broker check,
 * were it on, would hold the probe on an admin round trip and then answer DOWN.)
 */
@MicronautTest(transactional = false)
class ReadinessWithoutBrokerTest extends RealInfrastructureTest {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3); // the Deployments' timeoutSeconds

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + Ports.free());
    }

    @Test
    void readinessAndQueriesAnswerWhileNoBrokerIsReachable() throws Exception {
        HttpResponse<String> readiness = get("/health/readiness", null);
        assertThat(readiness.statusCode()).as("readiness: %s", readiness.body()).isEqualTo(200);

        HttpResponse<String> details = get("/health/readiness", tokenFor("ops"));
        assertThat(details.body()).contains("\"kafkaConsumers\"", "\"jdbc\"").doesNotContain("\"kafka\":");

        HttpResponse<String> audit = get("/audit?taskId=0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f", tokenFor("alice"));
        assertThat(audit.statusCode()).as("GET /audit: %s", audit.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(PROBE_TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
