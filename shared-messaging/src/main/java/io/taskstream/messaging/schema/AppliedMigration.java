package io.taskstream.messaging.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One row of a schema's Flyway history ({@code flyway_schema_history}). */
record AppliedMigration(String version, String type, String script, Integer checksum, boolean success) {

    static final String HISTORY_TABLE = "flyway_schema_history";

    /** The rows of {@code schema}'s history; empty when the schema has no history table yet. */
    static Optional<List<AppliedMigration>> readAll(Connection connection, String schema) throws SQLException {
        String table = quote(schema) + "." + quote(HISTORY_TABLE);
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, table);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        List<AppliedMigration> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, type, script, checksum, success FROM " + table + " ORDER BY installed_rank");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new AppliedMigration(rs.getString(1), rs.getString(2), rs.getString(3),
                        (Integer) rs.getObject(4), rs.getBoolean(5)));
            }
        }
        return Optional.of(rows);
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
