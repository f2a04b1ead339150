package io.taskstream.messaging.outbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
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

/**
 * Holds one connection in {@code LISTEN outbox_message} and wakes the relay when a transaction
 * that wrote outbox rows commits, in this replica or any other. If the connection breaks it
 * reconnects; meanwhile the relay's poll keeps events flowing.
 */
@Context
@Requires(bean = OutboxRelayWorker.class)
public class OutboxNotificationListener {

    static final String CHANNEL = "outbox_message";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxNotificationListener.class);

    private final DataSource dataSource;
    private final OutboxRelayWorker worker;
    private final Thread thread;
    private volatile boolean running = true;

    OutboxNotificationListener(DataSource dataSource, DataSourceResolver resolver, OutboxRelayWorker worker) {
        this.dataSource = resolver.resolve(dataSource);
        this.worker = worker;
        this.thread = new Thread(this::run, "outbox-listen");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        worker.wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("outbox LISTEN connection lost ({}); relying on polling until it is back", e.toString());
                    sleepQuietly();
                }
            }
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
