package io.taskstream.notification;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service clock for tests that set {@code taskstream.test.mutable-clock=true}: real time plus
 * an offset the test moves forward, so a quiet period or digest window can end without waiting.
 */
@Singleton
@Replaces(bean = Clock.class, factory = ClockFactory.class)
@Requires(property = "taskstream.test.mutable-clock", value = "true")
public class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service clock is UTC");
    }
}
