package io.taskstream.messaging.jdbc;

import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.SQLExceptionOverride;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures empty the pool, and how often: a pure unit test with a counting stand-in for Hikari's pool. */
class PoolEvictionOnBrokenLinkTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final CountingPool pool = new CountingPool();
    private final PoolEvictionOnBrokenLink eviction = new PoolEvictionOnBrokenLink("default", clock::get);

    @Test
    void aBrokenLinkEvictsThePoolAndKeepsHikarisVerdict() {
        eviction.attach(() -> pool);
        assertThat(eviction.adjudicate(failure("08006"))).isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
        assertThat(pool.evictions).hasValue(1);
    }

    @Test
    void theServerShuttingDownCountsAsABrokenLink() {
        eviction.attach(() -> pool);
        eviction.adjudicate(failure("57P01"));
        assertThat(pool.evictions).hasValue(1);
    }

    @Test
    void failuresOfTheWorkItselfLeaveThePoolAlone() {
        eviction.attach(() -> pool);
        for (String state : new String[]{"23505", "40001", "40P01", "55P03", "57014", null}) {
            assertThat(eviction.adjudicate(failure(state))).isEqualTo(SQLExceptionOverride.Override.CONTINUE_EVICT);
        }
        assertThat(pool.evictions).hasValue(0);
    }

    @Test
    void oneOutageEvictsOnceAndALaterOneAgain() {
        eviction.attach(() -> pool);
        eviction.adjudicate(failure("08006"));
        clock.addAndGet(PoolEvictionOnBrokenLink.QUIET_PERIOD.toNanos() - 1);
        eviction.adjudicate(failure("08006"));
        assertThat(pool.evictions).as("the second connection of the same outage was marked by the first eviction").hasValue(1);
        clock.addAndGet(1);
        eviction.adjudicate(failure("08003"));
        assertThat(pool.evictions).hasValue(2);
    }

    @Test
    void noPoolYetOrAClosedOneIsLeftAlone() {
        eviction.adjudicate(failure("08006"));
        eviction.attach(() -> null);
        eviction.adjudicate(failure("08006"));
        assertThat(pool.evictions).hasValue(0);
    }

    private static SQLException failure(String state) {
        return new SQLException("failure " + state, state);
    }

    private static final class CountingPool implements HikariPoolMXBean {
        final AtomicInteger evictions = new AtomicInteger();

        @Override public int getIdleConnections() { return 9; }
        @Override public int getActiveConnections() { return 1; }
        @Override public int getTotalConnections() { return 10; }
        @Override public int getThreadsAwaitingConnection() { return 0; }
        @Override public void softEvictConnections() { evictions.incrementAndGet(); }
        @Override public void suspendPool() { }
        @Override public void resumePool() { }
    }
}
