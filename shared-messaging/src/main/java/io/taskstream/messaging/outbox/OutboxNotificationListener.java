package io.taskstream.messaging.outbox;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Holds one connection in {@code LISTEN outbox_message} and wakes the relay when a transaction
 * that wrote outbox rows commits, in this replica or any other. If the connection breaks it
 * reconnects, and wakes the relay once for what it may have missed; meanwhile the relay's poll keeps
 * events flowing. Waiting for notifications ignores read timeouts, so a link that went silent (the
 * database's host vanished) would go unnoticed for good: after {@code listen-check-interval} without
 * a notification the connection is asked to {@code LISTEN} again, a round trip the socket timeout
 * bounds.
 */
@Context
@Requires(bean = OutboxRelayWorker.class)
public class OutboxNotificationListener {

    static final String CHANNEL = "outbox_message";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxNotificationListener.class);

    private final DataSource dataSource;
    private final OutboxRelayWorker worker;
    private final long checkIntervalNanos;
    private final Thread thread;
    private volatile boolean running = true;

    OutboxNotificationListener(DataSource dataSource, DataSourceResolver resolver, OutboxRelayWorker worker,
                               @Value("${taskstream.outbox.listen-check-interval:30s}") Duration checkInterval) {
        this.dataSource = resolver.resolve(dataSource);
        this.worker = worker;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.thread = new Thread(this::run, "outbox-listen");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    listen(connection);
                } catch (SQLException | RuntimeException e) {
                    discard(connection);
                    throw e;
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("outbox LISTEN connection lost ({}); relying on polling until it is back", e.toString());
                    sleepQuietly();
                }
            }
        }
    }

    private void listen(Connection connection) throws SQLException {
        listenOn(connection);
        worker.wake(); // rows committed while no connection was listening woke nobody
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            var notifications = pg.getNotifications(1000);
            if (notifications != null && notifications.length > 0) {
                worker.wake();
                lastHeard = System.nanoTime();
            } else if (System.nanoTime() - lastHeard > checkIntervalNanos) {
                listenOn(connection); // a round trip the socket timeout bounds; LISTEN again is a no-op
                lastHeard = System.nanoTime();
            }
        }
    }

    private static void listenOn(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
    }

    /** Out of the pool: a link that failed under getNotifications, which Hikari does not see, must not be lent again. */
    private void discard(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not evict the LISTEN connection: {}", e.toString());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops before the connection pool closes (ShutdownEvent precedes bean destruction). */
    @EventListener
    void onShutdown(ShutdownEvent event) throws InterruptedException {
        stop();
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        thread.join(3000);
    }
}
