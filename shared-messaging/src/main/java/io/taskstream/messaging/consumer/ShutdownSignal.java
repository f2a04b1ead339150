package io.taskstream.messaging.consumer;

import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Whether the service is stopping. A bean of its own, with no dependencies, because listening
 * for {@link ShutdownEvent} creates the listener at shutdown — which must work in every service,
 * including those without a database.
 */
@Singleton
public class ShutdownSignal {

    private volatile boolean stopping;

    @EventListener
    void onShutdown(ShutdownEvent event) {
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }
}
