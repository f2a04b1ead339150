package io.taskstream.localstack.junit;

import io.micronaut.test.support.TestPropertyProvider;
import io.taskstream.events.Topics;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.infra.JdbcUrls;
import org.junit.jupiter.api.TestInstance;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Base class for {@code @MicronautTest} integration tests on the real broker and database. Each
 * subclass gets its own database, its own copies of every topic (so classes sharing a JVM never
 * consume each other's records), and a JWT secret with {@link #tokenFor} to call secured endpoints.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RealInfrastructureTest implements TestPropertyProvider {

    /** How {@link #openDirectConnection()}'s sessions are named in {@code pg_stat_activity}. */
    protected static final String DIRECT_APPLICATION_NAME = "taskstream-test-direct";

    protected final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    private final String jwtSecret = Hs256Tokens.newSecret();
    private TcpProxy databaseProxy;
    private String directDatabaseUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("kafka.bootstrap.servers", infrastructure.bootstrapServers());
        // A random port: tests must not collide with a running local stack or another test JVM.
        properties.put("micronaut.server.port", "-1");
        if (usesDatabase()) {
            String url = infrastructure.newDatabase(getClass().getSimpleName());
            directDatabaseUrl = url;
            if (databaseThroughProxy()) {
                InetSocketAddress server = JdbcUrls.server(url);
                databaseProxy = TcpProxy.to(server.getHostString(), server.getPort());
                url = JdbcUrls.withServer(url, "127.0.0.1", databaseProxy.port());
            }
            properties.put("datasources.default.url", url);
            properties.put("datasources.default.username", infrastructure.dbUser());
            properties.put("datasources.default.password", infrastructure.dbPassword());
        }
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", jwtSecret);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm", "HS256");
        for (String topic : Topics.ALL) {
            properties.put(Topics.property(topic), topic(topic));
        }
        infrastructure.createTopics(Topics.ALL.stream()
                .flatMap(t -> List.of(topic(t), Topics.deadLetterOf(topic(t))).stream()).toList());
        properties.putAll(extraProperties());
        return properties;
    }

    /** This class's private name for a topic, e.g. {@code task-events-1a2b3c4d}. */
    protected String topic(String defaultName) {
        return defaultName + suffix;
    }

    /** A bearer token for {@code userId}, valid for an hour, signed with this class's secret. */
    protected String tokenFor(String userId, String... roles) {
        return Hs256Tokens.mint(jwtSecret, userId, List.of(roles), Duration.ofHours(1));
    }

    /** Whether the service under test has a datasource; override with false if it has none. */
    protected boolean usesDatabase() {
        return true;
    }

    /**
     * Whether the service reaches its database through a {@link TcpProxy} the test can cut, to see
     * what it does while PostgreSQL is unreachable ({@link #databaseProxy()}).
     */
    protected boolean databaseThroughProxy() {
        return false;
    }

    /** The proxy in front of this class's database; only with {@link #databaseThroughProxy()}. */
    protected TcpProxy databaseProxy() {
        if (databaseProxy == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " does not reach its database through a proxy");
        }
        return databaseProxy;
    }

    private String directDatabaseUrl() {
        if (directDatabaseUrl == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no database");
        }
        return directDatabaseUrl;
    }

    /**
     * A connection of the test's own to this class's database, past any proxy, named
     * {@value #DIRECT_APPLICATION_NAME} in {@code pg_stat_activity}.
     */
    protected Connection openDirectConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", infrastructure.dbUser());
        properties.setProperty("password", infrastructure.dbPassword());
        properties.setProperty("ApplicationName", DIRECT_APPLICATION_NAME);
        return DriverManager.getConnection(directDatabaseUrl(), properties);
    }

    /** Extra properties a test class needs, applied last. */
    protected Map<String, String> extraProperties() {
        return Map.of();
    }
}
