package io.taskstream.notification.lifecycle;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.localstack.junit.ShutdownDuringRequest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM during a rolling update, with the consumer running: a request in flight still gets its answer,
 * and the stop does not wait out the grace period for the Kafka poll loops (micronaut-kafka's default
 * scheduled executor would count them as work in flight; the service gives them a cached one).
 */
class GracefulShutdownTest extends RealInfrastructureTest {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(60);

    @Test
    void aRequestInFlightAtShutdownAnswersAndTheStopDoesNotWaitOutTheGracePeriod() throws Exception {
        ApplicationContext context = ShutdownDuringRequest.start(getProperties(), GRACE_PERIOD);
        try (Connection lock = openDirectConnection()) {
            ShutdownDuringRequest.Outcome outcome = ShutdownDuringRequest.run(context, ShutdownDuringRequest.get(
                    context.getBean(EmbeddedServer.class).getURL().toString(), "/notifications", tokenFor("grace")),
                    lock, "LOCK TABLE notifications IN ACCESS EXCLUSIVE MODE");

            assertThat(outcome.response().statusCode()).as(outcome.response().body()).isEqualTo(200);
            assertThat(outcome.stop()).as("stop took the whole grace period").isLessThan(GRACE_PERIOD.dividedBy(2));
        } finally {
            if (context.isRunning()) {
                context.stop();
            }
        }
    }
}
