package io.taskstream.messaging.scheduling;

import io.micronaut.aop.Intercepted;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.scheduling.DefaultTaskExceptionHandler;
import io.micronaut.scheduling.TaskExceptionHandler;
import io.taskstream.messaging.jdbc.DatabaseFailures;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what a {@code @Scheduled} job threw. While PostgreSQL is unreachable every job that touches
 * it fails on every tick; those are one WARN line each, without a stack trace, because nothing is
 * wrong with the job, it runs again on its next tick, and the outage already shows in readiness and
 * in 503 answers. Anything else stays Micronaut's ERROR with the stack trace.
 */
@Singleton
@Replaces(DefaultTaskExceptionHandler.class)
class ScheduledJobFailureHandler implements TaskExceptionHandler<Object, Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobFailureHandler.class);

    private final DefaultTaskExceptionHandler otherwise = new DefaultTaskExceptionHandler();

    @Override
    public void handle(Object bean, Throwable failure) {
        if (!DatabaseFailures.isUnavailable(failure)) {
            otherwise.handle(bean, failure);
            return;
        }
        LOG.warn("{} skipped a tick, the database is unavailable: {}", jobName(bean), DatabaseFailures.rootCause(failure));
    }

    private static String jobName(Object bean) {
        if (bean == null) {
            return "a scheduled job";
        }
        Class<?> type = bean instanceof Intercepted ? bean.getClass().getSuperclass() : bean.getClass();
        return type.getSimpleName();
    }
}
