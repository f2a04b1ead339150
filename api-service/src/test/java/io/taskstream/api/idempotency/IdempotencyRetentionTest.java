package io.taskstream.api.idempotency;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class IdempotencyRetentionTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;
    @Inject
    IdempotencyRetention retention;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aKeyOlderThanTheWindowIsForgottenAndANewerOneStillGuards() throws Exception {
        String oldKey = "old-" + UUID.randomUUID();
        String newKey = "new-" + UUID.randomUUID();
        assertThat(create(oldKey, "first").statusCode()).isEqualTo(201);
        assertThat(create(newKey, "first").statusCode()).isEqualTo(201);
        backdate(oldKey, Duration.ofDays(40));

        long deleted = retention.deleteOlderThan(Instant.now().minus(Duration.ofDays(35)));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(create(oldKey, "second").statusCode()).as("a forgotten key makes a new change").isEqualTo(201);
        HttpResponse<String> reused = create(newKey, "second");
        assertThat(reused.statusCode()).as("a kept key still refuses another request: %s", reused.body()).isEqualTo(422);
    }

    private HttpResponse<String> create(String key, String title) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/tasks"))
                .header("Authorization", "Bearer " + tokenFor("retention-user"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void backdate(String key, Duration age) {
        int updated = transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE idempotent_request SET created_at = now() - make_interval(days => ?) WHERE idempotency_key = ?",
                statement -> {
                    statement.setInt(1, (int) age.toDays());
                    statement.setString(2, key);
                    return statement.executeUpdate();
                }));
        assertThat(updated).isEqualTo(1);
    }
}
