package io.taskstream.messaging.jdbc;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Hikari asks this about every SQLException a pooled connection throws. On a broken link it evicts
 * the whole pool (see {@link BrokenLinkEviction}), at most once per quiet period: one eviction marks
 * every connection open at that moment, so the next broken ones of the same outage are old ones
 * already marked, and evicting again would only throw away fresh connections to the new server.
 * Hikari's own verdict on the failed connection is kept.
 */
final class PoolEvictionOnBrokenLink implements SQLExceptionOverride {

    static final Duration QUIET_PERIOD = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(PoolEvictionOnBrokenLink.class);

    private final String poolName;
    private final LongSupplier nanoClock;
    private final AtomicLong lastEviction;
    /** The running pool, or null before it is attached and once it is closed. */
    private volatile Supplier<HikariPoolMXBean> pool = () -> null;

    PoolEvictionOnBrokenLink(String poolName, LongSupplier nanoClock) {
        this.poolName = poolName;
        this.nanoClock = nanoClock;
        this.lastEviction = new AtomicLong(nanoClock.getAsLong() - QUIET_PERIOD.toNanos());
    }

    void attach(Supplier<HikariPoolMXBean> runningPool) {
        this.pool = runningPool;
    }

    /** Class 08 (connection exception), or the server ended the session; not "too many connections". */
    static boolean isBrokenLink(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("08") || DatabaseFailures.SERVER_GONE_STATES.contains(state));
    }

    @java.lang.Override // SQLExceptionOverride's own Override enum shadows the annotation in here
    public SQLExceptionOverride.Override adjudicate(SQLException failure) {
        if (isBrokenLink(failure)) {
            evictAll(failure);
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    private void evictAll(SQLException failure) {
        HikariPoolMXBean running = pool.get();
        if (running == null) {
            return; // still starting (a migration) or shutting down: nothing to renew
        }
        long now = nanoClock.getAsLong();
        long last = lastEviction.get();
        if (now - last < QUIET_PERIOD.toNanos() || !lastEviction.compareAndSet(last, now)) {
            return; // evicted moments ago, or another thread is evicting for the same outage
        }
        LOG.warn("a connection to PostgreSQL broke (SQLSTATE {}: {}); evicting all {} connections of pool {} "
                        + "so the next ones are opened fresh", failure.getSQLState(), failure.getMessage(),
                running.getTotalConnections(), poolName);
        running.softEvictConnections();
    }
}
