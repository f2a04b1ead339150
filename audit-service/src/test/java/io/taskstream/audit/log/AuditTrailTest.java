package io.taskstream.audit.log;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.audit.query.AuditPage;
import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class AuditTrailTest extends RealInfrastructureTest {

    private static final String TASK_ID = "0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void storesEachTaskEventOnceEvenWhenDeliveredTwice() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        byte[] created = GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json();
        byte[] updated = GoldenFixtures.load(EventTypes.TASK_UPDATED, 1).json();

        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, created);
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, created);
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, updated);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(trail("alice")).extracting(AuditEntryView::eventType)
                        .containsExactly(EventTypes.TASK_CREATED, EventTypes.TASK_UPDATED));
        assertThat(trail("alice")).extracting(AuditEntryView::aggregateVersion).containsExactly(1L, 2L);
    }

    @Test
    void usersSeeOnlyTheirOwnTrailAndAuditorsSeeAll() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> !trail("alice").isEmpty());

        assertThat(trail("mallory")).isEmpty();
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/audit?taskId=" + TASK_ID)
                .bearerAuth(tokenFor("erin", "auditor")), AuditPage.class).items()).isNotEmpty();
    }

    private List<AuditEntryView> trail(String user) {
        AuditPage page = http.toBlocking().retrieve(HttpRequest.GET("/audit?taskId=" + TASK_ID)
                .bearerAuth(tokenFor(user)), AuditPage.class);
        assertThat(page.nextCursor()).isNull();
        return page.items();
    }
}
