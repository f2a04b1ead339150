package io.taskstream.localstack.junit;

import io.taskstream.localstack.infra.DataDirs;
import io.taskstream.localstack.infra.EmbeddedKafka;
import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.JdbcUrls;
import io.taskstream.localstack.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started on first use and stopped at
 * JVM exit. When {@code KAFKA_BOOTSTRAP_SERVERS} / {@code DATASOURCES_DEFAULT_URL} are set, those
 * external servers are used instead (with {@code DATASOURCES_DEFAULT_USERNAME/PASSWORD}).
 * Every test class gets a fresh database, so classes never see each other's rows.
 */
public final class TestInfrastructure {

    private static final Logger LOG = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestInfrastructure instance;

    private final String bootstrapServers;
    private final String saslBootstrapServers;
    private final String adminJdbcUrl;
    private final String dbUser;
    private final String dbPassword;

    private TestInfrastructure(String bootstrapServers, String saslBootstrapServers, String adminJdbcUrl,
                               String dbUser, String dbPassword) {
        this.bootstrapServers = bootstrapServers;
        this.saslBootstrapServers = saslBootstrapServers;
        this.adminJdbcUrl = adminJdbcUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = startOrConnect();
        }
        return instance;
    }

    private static TestInfrastructure startOrConnect() {
        long started = System.nanoTime();
        Path root = tempDir();
        // One hook: stop the embedded servers, then delete their data (one folder per test JVM otherwise piles up).
        List<AutoCloseable> stopAtExit = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopAtExit.forEach(TestInfrastructure::closeQuietly);
            DataDirs.deleteQuietly(root);
        }, "test-infrastructure-stop"));
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String saslKafka = System.getenv("KAFKA_SASL_BOOTSTRAP_SERVERS");
        if (kafka == null || kafka.isBlank()) {
            EmbeddedKafka broker = EmbeddedKafka.start(root.resolve("kafka"), Ports.free(), Ports.free(), Ports.free(), 3);
            stopAtExit.add(broker);
            kafka = broker.bootstrapServers();
            saslKafka = broker.saslBootstrapServers();
        }
        String url = System.getenv("DATASOURCES_DEFAULT_URL");
        String user = envOr("DATASOURCES_DEFAULT_USERNAME", EmbeddedPostgresServer.USER);
        String password = envOr("DATASOURCES_DEFAULT_PASSWORD", "");
        if (url == null || url.isBlank()) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(root.resolve("postgres"), Ports.free(), false);
            stopAtExit.add(postgres);
            url = postgres.jdbcUrl("postgres");
        }
        LOG.info("test infrastructure ready in {} ms: kafka={} postgres={}",
                (System.nanoTime() - started) / 1_000_000, kafka, url);
        return new TestInfrastructure(kafka, saslKafka, url, user, password);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The broker's SASL_PLAINTEXT (SCRAM) listener. With an external broker, set
     * {@code KAFKA_SASL_BOOTSTRAP_SERVERS}; a test that needs it fails loudly when it is absent.
     */
    public String saslBootstrapServers() {
        if (saslBootstrapServers == null || saslBootstrapServers.isBlank()) {
            throw new IllegalStateException("no SCRAM listener: the external broker in KAFKA_BOOTSTRAP_SERVERS needs "
                    + "KAFKA_SASL_BOOTSTRAP_SERVERS for its SASL_PLAINTEXT listener");
        }
        return saslBootstrapServers;
    }

    /** Creates a SCRAM user on the broker, for tests of authenticated clients. */
    public void createScramUser(String mechanism, String user, String password) {
        EmbeddedKafka.upsertScramUser(bootstrapServers, mechanism, user, password);
    }

    public String dbUser() {
        return dbUser;
    }

    public String dbPassword() {
        return dbPassword;
    }

    /** Creates a fresh database named after {@code hint} and returns its JDBC URL. */
    public String newDatabase(String hint) {
        String name = (hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_" + ProcessHandle.current().pid()
                + "_" + DATABASES.incrementAndGet());
        name = "t_" + name.substring(Math.max(0, name.length() - 55));
        EmbeddedPostgresServer.Databases.ensure(adminJdbcUrl, dbUser, dbPassword, name);
        return JdbcUrls.withDatabase(adminJdbcUrl, name);
    }

    public void createTopics(Collection<String> topics) {
        EmbeddedKafka.createTopics(bootstrapServers, topics, 3);
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("could not stop " + server + ": " + e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("taskstream-test-infra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
