package io.taskstream.messaging.jdbc;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells an unreachable database apart from a failure of the work itself. When PostgreSQL is down,
 * restarting or out of connections, no request or event is at fault: the API answers 503 and
 * consumers wait instead of counting the failure against the record (which would dead-letter
 * valid events during an outage).
 */
public final class DatabaseFailures {

    /** admin_shutdown, crash_shutdown, cannot_connect_now: the server ended or refused the session. */
    static final Set<String> SERVER_GONE_STATES = Set.of("57P01", "57P02", "57P03");
    private static final String TOO_MANY_CONNECTIONS = "53300";
    private static final int MAX_DEPTH = 20;

    private DatabaseFailures() {
    }

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    public static boolean isUnavailable(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // Opening, preparing or releasing a connection failed. After a connection broke mid-query,
            // Micronaut Data reports the failed clean-up on Hikari's closed proxy instead of the I/O error.
            if (t instanceof ConnectionException && !(t instanceof NoConnectionException)) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_GONE_STATES.contains(sql.getSQLState())
                        || TOO_MANY_CONNECTIONS.equals(sql.getSQLState()))) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }

    /** The innermost cause, which names what failed (a refused connection, a SQLSTATE), unlike the wrappers around it. */
    public static String rootCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < MAX_DEPTH; depth++) {
            t = t.getCause();
        }
        return t.toString();
    }
}
