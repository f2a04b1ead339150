package io.taskstream.localstack.infra;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDBC URL helpers shared by the launcher and the test infrastructure. */
public final class JdbcUrls {

    private static final Pattern SERVER = Pattern.compile("^jdbc:postgresql://([^/?]+)");

    private JdbcUrls() {
    }

    /** The same server and parameters, another database: {@code .../postgres?x=y} to {@code .../db?x=y}. */
    public static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }

    /** {@code jdbc:postgresql://host:port/db?x} with another host and port. */
    public static String withServer(String jdbcUrl, String host, int port) {
        Matcher m = serverOf(jdbcUrl);
        return jdbcUrl.substring(0, m.start(1)) + host + ":" + port + jdbcUrl.substring(m.end(1));
    }

    /** The host and port of a {@code jdbc:postgresql://host[:port]/...} URL (port 5432 when absent). */
    public static InetSocketAddress server(String jdbcUrl) {
        String[] hostPort = serverOf(jdbcUrl).group(1).split(":");
        return InetSocketAddress.createUnresolved(hostPort[0], hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 5432);
    }

    private static Matcher serverOf(String jdbcUrl) {
        Matcher m = SERVER.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("not a jdbc:postgresql://host:port/... URL: " + jdbcUrl);
        }
        return m;
    }
}
