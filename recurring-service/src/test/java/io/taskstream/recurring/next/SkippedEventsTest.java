package io.taskstream.recurring.next;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A new task without due time or recurrence never reaches PostgreSQL; the one after it still does. */
@MicronautTest(transactional = false)
class SkippedEventsTest extends RealInfrastructureTest {

    private final EventCodec codec = EventCodec.standalone();

    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    MeterRegistry meters;

    @Test
    void aPlainNewTaskIsCountedAsSkippedWithoutALedgerRow() {
        double skippedBefore = skipped();
        EventEnvelope<TaskCreated> plain = created(UUID.randomUUID(), null);
        UUID dueTask = UUID.randomUUID();
        EventEnvelope<TaskCreated> due = created(dueTask, Instant.now().plus(1, ChronoUnit.DAYS));
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        // one key: one partition, so once the second is applied the first has been handled
        kafka.send(topic(Topics.TASK_EVENTS), "sam", codec.encode(plain));
        kafka.send(topic(Topics.TASK_EVENTS), "sam", codec.encode(due));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM reminder WHERE task_id = ?", dueTask) == 1);

        assertThat(ledgerRows(due.eventId())).as("the event with a due time went through the ledger").isEqualTo(1);
        assertThat(ledgerRows(plain.eventId())).as("the plain one did not").isZero();
        assertThat(skipped() - skippedBefore).isEqualTo(1);
    }

    private EventEnvelope<TaskCreated> created(UUID task, Instant due) {
        Instant now = Instant.now();
        var snapshot = new TaskSnapshot(task, "sam", "Plain task", null, TaskStatus.OPEN, TaskPriority.NORMAL, List.of(),
                due, null, null, null, now, now, null, 1);
        return Envelopes.create("api-service", task.toString(), 1, "sam", "sam", null, null, now, new TaskCreated(snapshot));
    }

    private long ledgerRows(UUID eventId) {
        return count("SELECT count(*) FROM messaging.processed_event WHERE event_id = ?", eventId);
    }

    private long count(String sql, UUID id) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, id);
            ResultSet rs = statement.executeQuery();
            rs.next();
            return rs.getLong(1);
        }));
    }

    private double skipped() {
        Counter counter = meters.find("taskstream.consumer.records").tag("group", TaskEventListener.GROUP)
                .tag("outcome", "skipped").counter();
        return counter == null ? 0 : counter.count();
    }
}
