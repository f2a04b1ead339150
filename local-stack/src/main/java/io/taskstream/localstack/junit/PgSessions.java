package io.taskstream.localstack.junit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What a test sees of its database's sessions, and does to them, as another client over its own
 * connection ({@link RealInfrastructureTest#openDirectConnection()}).
 */
public final class PgSessions {

    private PgSessions() {
    }

    /**
     * Sessions of the observer's database that match a {@code pg_stat_activity} condition, as they are now
     * even inside the observer's transaction (which would otherwise keep reading its first snapshot).
     */
    public static int count(Connection observer, String condition) throws SQLException {
        if (!observer.getAutoCommit()) {
            execute(observer, "SELECT pg_stat_clear_snapshot()");
        }
        try (Statement statement = observer.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND " + condition)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Sessions waiting for a lock: a statement the test holds back, for instance. */
    public static int waitingOnLocks(Connection observer) throws SQLException {
        return count(observer, "wait_event_type = 'Lock'");
    }

    /** Runs one statement (a lock taken or released, say) on the test's own connection. */
    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
