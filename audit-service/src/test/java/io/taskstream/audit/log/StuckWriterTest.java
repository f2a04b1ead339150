package io.taskstream.audit.log;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventTypes;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.audit.query.AuditEvents;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A writer whose node died while it held the append lock leaves its session idle in its transaction.
 * PostgreSQL ends that session after {@code idle_in_transaction_session_timeout} (set on every pooled
 * connection; 2 s here, 60 s by default), and ingestion goes on instead of waiting for TCP to give up.
 */
@MicronautTest(transactional = false)
class StuckWriterTest extends RealInfrastructureTest {

    private static final String TASK_ID = UUID.randomUUID().toString();

    @Inject
    DataSource dataSource;
    @Inject
    AuditRepository audit;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("datasources.default.connection-init-sql", "SET idle_in_transaction_session_timeout = '2s'");
    }

    @Test
    void aSessionThatWentSilentHoldingTheAppendLockIsEndedAndIngestionGoesOn() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, AuditEvents.event(EventTypes.TASK_CREATED, TASK_ID, "sam", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID).size() == 1);

        // A connection from the service's own pool, set up as its writers' are.
        Connection stuck = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        try {
            stuck.setAutoCommit(false);
            try (Statement statement = stuck.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(hashtext('taskstream.audit'), 0)");
            }
            // ...and then nothing more from this client, as if its node had gone.
            kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, AuditEvents.event(EventTypes.TASK_CREATED, TASK_ID, "sam", Instant.now().toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID).size() == 2);
            assertThat(stuck.isValid(1)).as("the silent session was ended by PostgreSQL").isFalse();
        } finally {
            try {
                stuck.close();
            } catch (Exception ended) {
                // the session is gone already
            }
        }
    }
}
