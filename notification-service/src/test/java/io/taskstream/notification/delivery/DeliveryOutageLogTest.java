package io.taskstream.notification.delivery;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** While PostgreSQL is unreachable each delivery tick logs one WARN line, not an ERROR with a stack trace. */
@MicronautTest(transactional = false)
class DeliveryOutageLogTest extends RealInfrastructureTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final ch.qos.logback.classic.Logger worker =
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(DeliveryWorker.class);

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "true", "taskstream.delivery.poll-interval", "200ms",
                "taskstream.sms.url", "http://127.0.0.1:9/sms", // configured, so ticks query the database; never reached
                "datasources.default.connection-timeout", "250");
    }

    @Test
    void aTickDuringAnOutageIsOneWarning() {
        logged.start();
        worker.addAppender(logged);
        databaseProxy().cut();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> ticksLogged().size() >= 2);
        } finally {
            databaseProxy().restore();
        }
        assertThat(ticksLogged()).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).startsWith("delivery tick skipped, the database is unavailable");
            assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
        });
    }

    @AfterAll
    void detach() {
        worker.detachAppender(logged);
    }

    private List<ILoggingEvent> ticksLogged() {
        List<ILoggingEvent> seen;
        synchronized (logged) { // appending threads hold the appender's lock
            seen = List.copyOf(logged.list);
        }
        return seen.stream().filter(e -> e.getFormattedMessage().startsWith("delivery tick")).toList();
    }
}
