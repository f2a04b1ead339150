package io.taskstream.messaging.jdbc;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Retention for append-mostly tables (a dedup ledger, stored responses): deletes the rows older than a cutoff a
 * batch per transaction, so no single delete holds its locks or its WAL for long, until none are left.
 */
public final class AgedRows {

    private AgedRows() {
    }

    /**
     * @param table  a table name from code (never from input), schema-qualified where needed
     * @param column its timestamp column; an index on it keeps each batch cheap
     * @return how many rows were deleted
     */
    public static long deleteOlderThan(JdbcOperations jdbc, TransactionOperations<Connection> transactions, String table,
                                       String column, Instant cutoff, int batch) {
        String sql = "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + table + " WHERE "
                + column + " < ? LIMIT ?))";
        long total = 0;
        int deleted;
        do {
            deleted = transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> {
                statement.setTimestamp(1, Timestamp.from(cutoff));
                statement.setInt(2, batch);
                return statement.executeUpdate();
            }));
            total += deleted;
        } while (deleted == batch && !Thread.currentThread().isInterrupted());
        return total;
    }
}
