package io.taskstream.messaging.consumer;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class ProcessedEventRetentionTest extends RealInfrastructureTest {


    @Inject
    ProcessedEventRetention retention;
    @Inject
    ProcessedEventRepository processed;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;
    private final String group = "retention-" + UUID.randomUUID(); // a new test instance per test method

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.consumer.processed-cleanup-batch", "3");
    }

    @Test
    void rowsOlderThanTheWindowAreDeletedInBatchesAndNewerOnesStay() {
        Instant now = Instant.now();
        for (int i = 0; i < 7; i++) {
            insert(UUID.randomUUID(), now.minus(Duration.ofDays(40)));
        }
        UUID recent = UUID.randomUUID();
        insert(recent, now.minus(Duration.ofDays(30)));
        insert(UUID.randomUUID(), now);

        long deleted = retention.deleteOlderThan(now.minus(Duration.ofDays(35)));

        assertThat(deleted).as("7 old rows in batches of 3 (3 + 3 + 1)").isEqualTo(7);
        assertThat(count()).as("the two rows inside the window").isEqualTo(2);
        assertThat(markProcessed(recent)).as("a kept row still stops a redelivery").isFalse();
    }

    @Test
    void anEventWhoseRowExpiredIsNewAgain() {
        UUID old = UUID.randomUUID();
        insert(old, Instant.now().minus(Duration.ofDays(36)));
        assertThat(markProcessed(old)).isFalse();

        retention.deleteOlderThan(Instant.now().minus(Duration.ofDays(35)));

        assertThat(markProcessed(old)).as("the window's documented limit").isTrue();
    }

    private boolean markProcessed(UUID eventId) {
        return transactions.executeWrite(status -> processed.markProcessed(group, eventId, "t-0@" + eventId));
    }

    private void insert(UUID eventId, Instant processedAt) {
        transactions.executeWrite(status -> jdbc.prepareStatement("INSERT INTO messaging.processed_event (consumer_group, event_id, processed_at) VALUES (?, ?, ?)",
                statement -> {
                    statement.setString(1, group);
                    statement.setObject(2, eventId);
                    statement.setTimestamp(3, Timestamp.from(processedAt));
                    return statement.executeUpdate();
                }));
    }

    private long count() {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT count(*) FROM messaging.processed_event WHERE consumer_group = ?", statement -> {
                    statement.setString(1, group);
                    ResultSet rs = statement.executeQuery();
                    rs.next();
                    return rs.getLong(1);
                }));
    }
}
