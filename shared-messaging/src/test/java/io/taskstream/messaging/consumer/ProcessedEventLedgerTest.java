package io.taskstream.messaging.consumer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger on a real PostgreSQL: a dead-letter mark stops only the record it was made for; an applied event
 * stops every copy.
 */
@MicronautTest(transactional = false)
class ProcessedEventLedgerTest extends RealInfrastructureTest {

    @Inject
    ProcessedEventRepository ledger;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aDeadLetterMarkStopsItsOwnRecordOnlyAndAnAppliedEventStopsEveryCopy() {
        UUID deadLettered = UUID.randomUUID();
        UUID applied = UUID.randomUUID();
        assertThat(write(() -> ledger.markDeadLettered("g", deadLettered, "t-0@5"))).isTrue();
        assertThat(mark(applied, "t-1@7")).containsExactly(applied);
        assertThat(write(() -> ledger.markDeadLettered("g", applied, "t-1@9")))
                .as("already applied: stays an applied row").isFalse();

        assertThat(mark(deadLettered, "t-0@5")).as("the dead-lettered record, redelivered").isEmpty();
        assertThat(mark(deadLettered, "t-0@12")).as("a re-driven copy").containsExactly(deadLettered);
        assertThat(mark(deadLettered, "t-0@13")).as("a second re-driven copy, after the first was applied").isEmpty();
        assertThat(mark(applied, "t-1@20")).isEmpty();
        assertThat(write(() -> ledger.seen("g", deadLettered))).isTrue();
    }

    @Test
    void aMarkFollowsTheLatestDeadLetteredCopyAndAMarkFromBeforeV7StopsNothing() {
        UUID event = UUID.randomUUID();
        write(() -> ledger.markDeadLettered("g", event, "t-0@5"));
        write(() -> ledger.markDeadLettered("g", event, "t-0@30")); // the re-driven copy failed too

        assertThat(mark(event, "t-0@30")).isEmpty();
        assertThat(mark(event, "t-0@5")).as("the first copy, read again (its offsets reset)").containsExactly(event);

        UUID marked = UUID.randomUUID();
        write(() -> ledger.markDeadLettered("g", marked, "t-0@7"));
        assertThat(write(() -> ledger.markAllProcessed("g", java.util.Collections.singletonMap(marked, null))))
                .as("no position (another group's re-drive): the mark stands").isEmpty();
        assertThat(mark(marked, "t-0@8")).containsExactly(marked);
        UUID fresh = UUID.randomUUID();
        assertThat(write(() -> ledger.markAllProcessed("g", java.util.Collections.singletonMap(fresh, null))))
                .as("no row yet: applied").containsExactly(fresh);

        UUID legacy = UUID.randomUUID();
        write(() -> ledger.markDeadLettered("g", legacy, null));
        assertThat(mark(legacy, "t-0@6")).as("no position: tried again, at worst a second DLQ copy").containsExactly(legacy);
    }

    @Test
    void aRolledBackApplyLeavesTheMarkAsItWas() {
        UUID event = UUID.randomUUID();
        write(() -> ledger.markDeadLettered("g", event, "t-0@5"));
        try {
            transactions.executeWrite(status -> {
                assertThat(ledger.markAllProcessed("g", Map.of(event, "t-0@40"))).containsExactly(event);
                throw new IllegalStateException("the handler failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(mark(event, "t-0@5")).isEmpty();
        assertThat(mark(event, "t-0@40")).containsExactly(event);
    }

    private Set<UUID> mark(UUID event, String position) {
        return write(() -> ledger.markAllProcessed("g", Map.of(event, position)));
    }

    private <T> T write(java.util.function.Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
