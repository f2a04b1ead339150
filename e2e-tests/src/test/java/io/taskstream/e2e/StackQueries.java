package io.taskstream.e2e;

import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.launcher.LocalStack;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Read-only SQL against the services' own databases in a local stack, for reconciling counts. */
record StackQueries(LocalStack stack) {

    long count(String service, String sql) throws SQLException {
        return Long.parseLong(strings(service, sql).get(0));
    }

    /** The first column of every row. */
    List<String> strings(String service, String sql) throws SQLException {
        String user = System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", EmbeddedPostgresServer.USER);
        String password = System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", "");
        try (var db = DriverManager.getConnection(stack.databaseUrl(service), user, password);
             var rows = db.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
