package io.taskstream.localstack.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** An embedded PostgreSQL server (zonky binaries); one server, one database per service or test class. */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDir where the cluster lives; kept between runs
     * @param durable {@code true} turns fsync and synchronous_commit back on (zonky disables them
     *                for speed), which data that must survive a crash needs
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) {
        Ports.requireFree(port, "PostgreSQL", "POSTGRES_PORT");
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Our owner stops it, after the services that use it; its own JVM hook would race them.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300");
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("PostgreSQL up on port {} with data in {} ({})", port, dataDir,
                    durable ? "fsync on" : "fsync off, synchronous_commit off");
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String database) {
        Databases.ensure(jdbcUrl("postgres"), USER, "", database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("PostgreSQL stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Database creation that works against the embedded server and an external one alike. */
    public static final class Databases {
        private Databases() {
        }

        public static void ensure(String adminJdbcUrl, String user, String password, String database) {
            if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("not a safe database name: " + database);
            }
            try (Connection c = java.sql.DriverManager.getConnection(adminJdbcUrl, user, password);
                 Statement s = c.createStatement()) {
                var exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
                if (!exists.next()) {
                    s.execute("CREATE DATABASE " + database);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + database + " via " + adminJdbcUrl
                        + ": " + e.getMessage(), e);
            }
        }
    }
}
