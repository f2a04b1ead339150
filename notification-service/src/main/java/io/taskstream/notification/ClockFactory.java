package io.taskstream.notification;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The service's notion of "now" for preference decisions (quiet hours, digest windows) and for
 * when a delivery row is due. A bean so tests can replace it with a clock they move forward.
 */
@Factory
public class ClockFactory {

    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
