package io.taskstream.api.task;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.messaging.outbox.OutboxRelay;
import io.taskstream.messaging.outbox.OutboxRepository;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With kafka.enabled=false the API works as usual and the outbox keeps every event for later. */
@MicronautTest(transactional = false)
class KafkaDisabledTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;
    @Inject
    ApplicationContext context;
    @Inject
    OutboxRepository outbox;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("kafka.enabled", "false");
    }

    @Test
    void changesSucceedAndTheirEventsWaitInTheOutbox() {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("frank"));

        String id = api.create("{\"title\":\"Offline but fine\"}");
        assertThat(api.send("POST", "/tasks/" + id + "/complete", "", Map.of()).statusCode()).isEqualTo(200);

        assertThat(context.containsBean(OutboxRelay.class)).isFalse();
        assertThat(outbox.countUnsent()).as("2 changes x (task-events + task-updates)").isEqualTo(4);
        var metrics = api.send("GET", "/prometheus", "", Map.of());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds_count");
        assertThat(metrics.body()).as("the backlog an operator has to watch while Kafka is off")
                .containsPattern("(?m)^taskstream_outbox_backlog(\\{[^}]*\\})? 4\\.0$");
    }
}
