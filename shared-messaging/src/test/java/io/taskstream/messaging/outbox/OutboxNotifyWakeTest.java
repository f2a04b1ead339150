package io.taskstream.messaging.outbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.PgSessions;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * With the fallback poll set to ten minutes, a committed row is still published promptly: the
 * relay is woken by PostgreSQL's NOTIFY from the outbox trigger, not by polling.
 */
@MicronautTest(transactional = false)
class OutboxNotifyWakeTest extends RealInfrastructureTest {

    @Inject
    OutboxWriter writer;
    @Inject
    OutboxRepository repository;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.outbox.poll-interval", "10m");
    }

    @Test
    void aCommitWakesTheRelay() {
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.countUnsent() == 0); // first drain at start-up
        // A commit before the listener's LISTEN would wake nobody (and the poll is ten minutes away).
        await().atMost(Duration.ofSeconds(30)).until(this::listening);
        UUID task = UUID.randomUUID();

        transactions.executeWrite(status -> {
            writer.append(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, 1));
            return null;
        });

        await().atMost(Duration.ofSeconds(15)).until(() -> repository.countUnsent() == 0);
    }

    private boolean listening() throws SQLException {
        try (Connection observer = openDirectConnection()) {
            return PgSessions.count(observer, "query = 'LISTEN " + OutboxNotificationListener.CHANNEL + "'") > 0;
        }
    }
}
