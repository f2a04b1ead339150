package io.taskstream.websocket.socket;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * At SIGTERM, tells every open socket the replica is going away (1001) so its browser reconnects at once with
 * its position, instead of seeing the connection drop (1006). First in graceful shutdown's order (Micronaut
 * sorts the {@code GracefulShutdownCapable} beans it calls by {@code @Order}): the close frames are queued before
 * the HTTP server's own shutdown closes the connections. Only with graceful shutdown enabled (the default here).
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
class GoingAway implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(GoingAway.class);

    private final Subscriptions subscriptions;

    GoingAway(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        int closed = subscriptions.goAway();
        LOG.info("shutting down: closed {} sockets with {} (going away)", closed, CloseCodes.GOING_AWAY);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public OptionalLong reportActiveTasks() {
        return OptionalLong.empty();
    }
}
