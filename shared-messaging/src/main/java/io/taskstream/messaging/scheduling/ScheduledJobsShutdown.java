package io.taskstream.messaging.scheduling;

import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops Micronaut's scheduled executor as shutdown begins, before any bean is destroyed. Micronaut
 * looks a {@code @Scheduled} job's bean up at every tick, so a tick after the bean's destruction
 * built a second instance (and a second meter registry: "Gauge already registered") that ran
 * against a closing connection pool. Ticks in progress get {@code taskstream.scheduling.shutdown-wait}
 * to finish.
 */
@Singleton
class ScheduledJobsShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobsShutdown.class);

    private final BeanContext context;
    private final Duration wait;

    ScheduledJobsShutdown(BeanContext context, @Value("${taskstream.scheduling.shutdown-wait:5s}") Duration wait) {
        this.context = context;
        this.wait = wait;
    }

    @EventListener
    void onShutdown(ShutdownEvent event) throws InterruptedException {
        // Only an executor that exists: looking it up by type would create one at shutdown.
        for (BeanRegistration<?> registration : context.getActiveBeanRegistrations(Qualifiers.byName(TaskExecutors.SCHEDULED))) {
            if (registration.bean() instanceof ExecutorService executor) {
                executor.shutdown();
                if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("a scheduled job was still running {} after shutdown began; stopping anyway", wait);
                }
            }
        }
    }
}
