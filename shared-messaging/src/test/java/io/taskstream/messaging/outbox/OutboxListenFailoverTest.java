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
 * The LISTEN connection's link went silent (the database's host vanished; new connections reach a
 * new primary) and the fallback poll is ten minutes away: the listener notices within its check
 * interval plus the socket timeout, listens again on a fresh connection, and the row committed
 * meanwhile, whose NOTIFY went to the dead link, is published anyway.
 */
@MicronautTest(transactional = false)
class OutboxListenFailoverTest extends RealInfrastructureTest {

    @Inject
    OutboxWriter writer;
    @Inject
    OutboxRepository repository;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.outbox.poll-interval", "10m", "taskstream.outbox.listen-check-interval", "1s",
                "datasources.default.data-source-properties.socketTimeout", "2",
                "datasources.default.connection-timeout", "1000", "datasources.default.validation-timeout", "250");
    }

    @Test
    void aRowCommittedWhileTheListenLinkWasSilentIsPublished() {
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.countUnsent() == 0); // first drain at start-up
        await().atMost(Duration.ofSeconds(30)).until(this::listening);

        databaseProxy().silenceOpenConnections();
        UUID task = UUID.randomUUID();
        // The pool's idle connections are silent too: a borrower may find them dead until it gets a fresh one.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> transactions.executeWrite(status -> {
            writer.append(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, 1));
            return true;
        }));

        await().atMost(Duration.ofSeconds(20)).until(() -> repository.countUnsent() == 0);
    }

    private boolean listening() throws SQLException {
        try (Connection observer = openDirectConnection()) {
            return PgSessions.count(observer, "query = 'LISTEN " + OutboxNotificationListener.CHANNEL + "'") > 0;
        }
    }
}
