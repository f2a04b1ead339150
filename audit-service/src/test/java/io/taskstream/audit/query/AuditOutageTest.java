package io.taskstream.audit.query;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
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
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL unreachable: the trail, its export and its verification answer 503 problem+json, not a
 * 200 whose download breaks off after the header; once it is back they answer again by themselves.
 */
@MicronautTest(transactional = false)
class AuditOutageTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("datasources.default.connection-timeout", "1000");
    }

    @Test
    void whilePostgresIsAwayReadsAndExportsGet503Problems() throws Exception {
        String[] paths = {"/audit?userId=zoe", "/audit/export?userId=zoe", "/audit/export?userId=zoe&format=csv",
                "/audit/verify?userId=zoe"};
        for (String path : paths) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
        databaseProxy().cut();
        try {
            for (String path : paths) {
                HttpResponse<String> response = get(path);
                assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
                assertThat(response.body()).as(path).contains("\"status\":503");
            }
        } finally {
            databaseProxy().restore();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get(paths[1]).statusCode()).as("recovered").isEqualTo(200));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + tokenFor("zoe")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
