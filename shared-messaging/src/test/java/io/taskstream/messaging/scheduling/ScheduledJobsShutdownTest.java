package io.taskstream.messaging.scheduling;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A scheduled job's bean is built once per application context, also when a tick falls due during shutdown. */
class ScheduledJobsShutdownTest extends RealInfrastructureTest {

    private static final int CONTEXTS = 5;

    @Test
    void noTickRebuildsItsBeanWhileTheContextStops() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("test.busy-job", "true");
        for (int i = 1; i <= CONTEXTS; i++) {
            int before = BusyJob.ticks.get();
            try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> BusyJob.ticks.get() > before + 5);
            }
            assertThat(BusyJob.built.get()).as("BusyJob instances after %d contexts", i).isEqualTo(i);
        }
    }

    /**
     * Ticks back to back, so that ticks fall due while the context destroys its beans. Its dependencies
     * matter: the context destroys it together with the pool or the meter registry, while the
     * scheduler still ticks (as it did notification-service's DeliveryWorker).
     */
    @Singleton
    @Requires(property = "test.busy-job", value = "true")
    static class BusyJob {
        static final AtomicInteger built = new AtomicInteger();
        static final AtomicInteger ticks = new AtomicInteger();

        BusyJob(MeterRegistry meters, DataSource dataSource) {
            built.incrementAndGet();
        }

        @Scheduled(fixedDelay = "1ms")
        void tick() throws InterruptedException {
            ticks.incrementAndGet();
            Thread.sleep(1);
        }
    }
}
