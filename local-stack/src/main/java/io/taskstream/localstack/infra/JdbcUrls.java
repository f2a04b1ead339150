package io.taskstream.localstack.infra;

/** JDBC URL helpers shared by the launcher and the test infrastructure. */
public final class JdbcUrls {

    private JdbcUrls() {
    }

    /** The same server and parameters, another database: {@code .../postgres?x=y} to {@code .../db?x=y}. */
    public static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }
}
