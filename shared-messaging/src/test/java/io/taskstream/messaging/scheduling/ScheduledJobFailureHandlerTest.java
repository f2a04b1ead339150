package io.taskstream.messaging.scheduling;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While PostgreSQL is unreachable a scheduled job that needs it logs one WARN line per tick, no
 * ERROR and no stack trace; a job that fails for any other reason still logs an ERROR with its trace.
 */
@MicronautTest(transactional = false)
class ScheduledJobFailureHandlerTest extends RealInfrastructureTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final ch.qos.logback.classic.Logger root =
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.failing-jobs", "true", "datasources.default.connection-timeout", "250");
    }

    @Test
    void anOutageIsAWarningAndABugAnError() {
        logged.start();
        root.addAppender(logged);
        databaseProxy().cut();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines("DatabaseJob").size() >= 2 && lines("BuggyJob").size() >= 2);
        } finally {
            databaseProxy().restore();
        }
        assertThat(lines("DatabaseJob")).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("DatabaseJob skipped a tick, the database is unavailable");
            assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
        });
        assertThat(lines("BuggyJob")).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a bug, not an outage");
        });
    }

    @AfterAll
    void detach() {
        root.detachAppender(logged);
    }

    private List<ILoggingEvent> lines(String job) {
        List<ILoggingEvent> seen;
        synchronized (logged) { // appending threads hold the appender's lock
            seen = List.copyOf(logged.list);
        }
        return seen.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getFormattedMessage().contains(job))
                .toList();
    }

    @Singleton
    @Requires(property = "test.failing-jobs", value = "true")
    static class DatabaseJob {
        private final DataSource dataSource;

        DatabaseJob(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Scheduled(fixedDelay = "200ms")
        @Transactional
        void tick() throws Exception {
            Connection connection = dataSource.getConnection(); // the transaction's, closed with it
            connection.createStatement().execute("SELECT 1");
        }
    }

    @Singleton
    @Requires(property = "test.failing-jobs", value = "true")
    static class BuggyJob {
        @Scheduled(fixedDelay = "200ms")
        void tick() {
            throw new IllegalStateException("a bug, not an outage");
        }
    }
}
