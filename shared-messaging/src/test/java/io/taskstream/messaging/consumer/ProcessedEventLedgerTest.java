package io.taskstream.messaging.consumer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger on a real PostgreSQL: a re-drive forgets dead-letter marks only, never an applied event. */
@MicronautTest(transactional = false)
class ProcessedEventLedgerTest extends RealInfrastructureTest {

    @Inject
    ProcessedEventRepository ledger;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aReDriveForgetsADeadLetterMarkButNeverAnAppliedEvent() {
        UUID deadLettered = UUID.randomUUID();
        UUID applied = UUID.randomUUID();
        transactions.executeWrite(status -> {
            assertThat(ledger.markDeadLettered("g", deadLettered)).isTrue();
            assertThat(ledger.markAllProcessed("g", Set.of(applied))).containsExactly(applied);
            assertThat(ledger.markDeadLettered("g", applied)).as("already applied: stays an applied row").isFalse();
            return null;
        });

        int forgotten = transactions.executeWrite(status -> ledger.forgetDeadLettered("g", deadLettered)
                + ledger.forgetDeadLettered("g", applied));

        assertThat(forgotten).isEqualTo(1);
        boolean deadLetteredSeen = transactions.executeRead(status -> ledger.seen("g", deadLettered));
        boolean appliedSeen = transactions.executeRead(status -> ledger.seen("g", applied));
        assertThat(deadLetteredSeen).isFalse();
        assertThat(appliedSeen)
                .as("a second copy of a dead letter, re-driven after the first was applied, is skipped").isTrue();
    }
}
