package io.taskstream.recurring.lifecycle;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.localstack.junit.ShutdownDuringRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM during a rolling update, with the consumers running: graceful shutdown is on (requests in flight
 * answer), and the stop does not wait out its grace period for the Kafka poll loops (micronaut-kafka's
 * default scheduled executor would count them as work in flight; the service gives them a cached one).
 */
class GracefulShutdownTest extends RealInfrastructureTest {

    private static final Duration GRACE_PERIOD = Duration.ofSeconds(60);

    @Test
    void theStopDoesNotWaitOutTheGracePeriodForTheConsumers() throws Exception {
        ApplicationContext context = ShutdownDuringRequest.start(getProperties(), GRACE_PERIOD);
        try {
            assertThat(context.getProperty("micronaut.lifecycle.graceful-shutdown.enabled", Boolean.class)).hasValue(true);
            HttpRequest preview = HttpRequest.newBuilder(URI.create(context.getBean(EmbeddedServer.class).getURL()
                            + "/recurrence/preview?rrule=FREQ%3DDAILY&tz=Europe/Berlin&from=2026-12-01T09:00&count=2"))
                    .header("Authorization", "Bearer " + tokenFor("grace")).build();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(preview, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

            long start = System.nanoTime();
            context.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("stop took the whole grace period")
                    .isLessThan(GRACE_PERIOD.dividedBy(2));
        } finally {
            if (context.isRunning()) {
                context.stop();
            }
        }
    }
}
