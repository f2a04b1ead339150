package io.taskstream.audit.log;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.audit.integrity.ChainReport;
import io.taskstream.audit.integrity.GapReport;
import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The trail is append-only in the database, and tampering or loss is detected. */
@MicronautTest(transactional = false)
class AuditIntegrityTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    AuditRepository audit;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void updatesDeletesAndTruncatesAreRefusedByTheDatabase() {
        String task = record("ivan", 1, 2);

        assertThatThrownBy(() -> sql("UPDATE audit_log SET event_type = 'task.deleted' WHERE task_id = '" + task + "'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("DELETE FROM audit_log WHERE task_id = '" + task + "'")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("TRUNCATE audit_log")).hasMessageContaining("append-only");
        assertThat(audit.findByTaskIdOrderByAggregateVersionAsc(task)).hasSize(2);
    }

    /** The default the deployment relies on (StuckWriterTest shows what it does, with 2 s). */
    @Test
    void pooledSessionsLeftIdleInATransactionAreEndedAfterAMinute() {
        String timeout = transactions.executeRead(status -> {
            try (var statement = status.getConnection().createStatement();
                 var rs = statement.executeQuery("SHOW idle_in_transaction_session_timeout")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(timeout).isEqualTo("1min");
    }

    @Test
    void anAlteredEntryBreaksTheChainAtThatEntry() {
        String task = record("judy", 1, 3);
        assertThat(verify("judy").intact()).isTrue();
        assertThat(verify("judy").entriesChecked()).isEqualTo(3);
        ChainReport blank = http.toBlocking().retrieve(HttpRequest.GET("/audit/verify?userId=%20")
                .bearerAuth(tokenFor("judy")), ChainReport.class);
        assertThat(blank.entriesChecked()).as("a blank userId means the caller, as on GET /audit").isEqualTo(3);

        tamper("UPDATE audit_log SET payload = jsonb_set(payload, '{task,title}', '\"forged\"') "
                + "WHERE task_id = '" + task + "' AND aggregate_version = 2");

        ChainReport report = verify("judy");
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBroken().reason()).contains("altered");
        assertThat(report.entriesChecked()).isEqualTo(2);
    }

    @Test
    void aChangedActorIsCaughtToo() {
        String task = record("lena", 1, 2);

        tamper("UPDATE audit_log SET actor = 'someone-else' WHERE task_id = '" + task + "' AND aggregate_version = 1");

        ChainReport report = verify("lena");
        assertThat(report.intact()).isFalse();
        assertThat(report.firstBroken().reason()).contains("altered");
    }

    @Test
    void aRemovedEntryShowsInTheChainAndAsAGap() {
        String task = record("kim", 1, 3);

        tamper("DELETE FROM audit_log WHERE task_id = '" + task + "' AND aggregate_version = 2");

        assertThat(verify("kim").firstBroken().reason()).contains("previous entry");
        GapReport gaps = http.toBlocking().retrieve(HttpRequest.GET("/audit/gaps").bearerAuth(tokenFor("kim")), GapReport.class);
        assertThat(gaps.tasks()).singleElement().satisfies(gap -> {
            assertThat(gap.taskId()).isEqualTo(task);
            assertThat(gap.missingVersions()).containsExactly(2L);
        });
    }

    /** Sends versions from..to of one task as task events and waits until they are stored. */
    private String record(String user, int from, int to) {
        String task = UUID.randomUUID().toString();
        String template = new String(GoldenFixtures.load(EventTypes.TASK_UPDATED, 1).json(), StandardCharsets.UTF_8)
                .replace("0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f", task).replace("\"alice\"", "\"" + user + "\"");
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        for (int v = from; v <= to; v++) {
            kafka.send(topic(Topics.TASK_EVENTS), task, template
                    .replace("0193a5b0-8000-7000-8000-000000000002", UUID.randomUUID().toString())
                    .replace("\"aggregate_version\": 2", "\"aggregate_version\": " + v).getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.findByTaskIdOrderByAggregateVersionAsc(task).size() == to - from + 1);
        return task;
    }

    private ChainReport verify(String user) {
        return http.toBlocking().retrieve(HttpRequest.GET("/audit/verify").bearerAuth(tokenFor(user)), ChainReport.class);
    }

    /** What an attacker with table-owner rights could do: switch the guard off, change, switch it on. */
    private void tamper(String statement) {
        sql("ALTER TABLE audit_log DISABLE TRIGGER USER; " + statement + "; ALTER TABLE audit_log ENABLE TRIGGER USER");
    }

    private void sql(String statement) {
        transactions.executeWrite(status -> jdbc.prepareStatement(statement, ps -> ps.execute()));
    }

}
