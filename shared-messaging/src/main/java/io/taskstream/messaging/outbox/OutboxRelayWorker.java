package io.taskstream.messaging.outbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The relay's single thread: drains the outbox whenever it is woken (PostgreSQL NOTIFY after a
 * commit, see {@link OutboxNotificationListener}) and at least every poll interval as a fallback.
 * After a failed publish it backs off exponentially up to the poll interval times 20. On shutdown
 * it finishes the batch in flight before it stops.
 */
@Context
@Requires(bean = OutboxRelay.class)
public class OutboxRelayWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayWorker.class);

    private final OutboxRelay relay;
    private final Duration pollInterval;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    /** The outbox table exists before the first drain: the datasource is migrated as it is created. */
    OutboxRelayWorker(OutboxRelay relay,
                      @Value("${taskstream.outbox.poll-interval:500ms}") Duration pollInterval) {
        this.relay = relay;
        this.pollInterval = pollInterval;
        this.thread = new Thread(this::run, "outbox-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Asks for a drain now (cheap; many calls collapse into one drain). */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        long backoffMillis = pollInterval.toMillis();
        while (running) {
            boolean ok;
            try {
                ok = relay.drain();
            } catch (Throwable e) { // an Error must not end the only relay thread silently: the outbox would just grow
                LOG.error("outbox relay failed, will retry", e);
                ok = false;
            }
            backoffMillis = ok ? pollInterval.toMillis() : Math.min(backoffMillis * 2, pollInterval.toMillis() * 20);
            try {
                if (wakeups.tryAcquire(backoffMillis, TimeUnit.MILLISECONDS)) {
                    wakeups.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
        wake();
        thread.join(Duration.ofSeconds(30).toMillis());
        LOG.info("outbox relay stopped");
    }
}
