package io.taskstream.bench;

import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.infra.DataDirs;
import io.taskstream.localstack.infra.Ports;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceProcess;
import io.taskstream.localstack.launcher.ServiceSpec;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One local stack for the whole run: every service as its own process on free loopback ports,
 * PostgreSQL and Kafka embedded, data in a fresh temporary folder; plus the clients the scenarios share.
 */
public final class BenchStack implements AutoCloseable {

    /**
     * The service JVMs' options; {@code TASKSTREAM_BENCH_EXTRA_JAVA_OPTS} appends to them, e.g. a JFR recording
     * for profiling. The results name the options used, since such a run measures the profiler too.
     */
    public static final List<String> SERVICE_JVM_OPTIONS = serviceJvmOptions(System.getenv("TASKSTREAM_BENCH_EXTRA_JAVA_OPTS"));
    public static final int PARTITIONS = 3;

    private final LocalStack stack;
    private final Path dataDir;
    private final Map<String, Double> initialTimesToHealthy = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static List<String> serviceJvmOptions(String extra) {
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        return List.copyOf(options);
    }

    private BenchStack(LocalStack stack, Path dataDir) {
        this.stack = stack;
        this.dataDir = dataDir;
        for (ServiceProcess s : stack.services()) {
            initialTimesToHealthy.put(s.name(), (s.healthyAtNanos() - s.launchedAtNanos()) / 1e9);
        }
    }

    public static BenchStack start(Path repoRoot) throws IOException, InterruptedException {
        Map<String, Integer> ports = new HashMap<>();
        ServiceSpec.ALL.forEach(s -> ports.put(s.name(), Ports.free()));
        Path dataDir = Files.createTempDirectory("taskstream-bench-");
        LocalStackConfig config = new LocalStackConfig(repoRoot, dataDir, true, ports, Ports.free(), Ports.free(),
                Ports.free(), PARTITIONS, null, null, ServiceSpec.ALL, SERVICE_JVM_OPTIONS, Ports.free(), Ports.free());
        try {
            return new BenchStack(LocalStack.start(config), dataDir);
        } catch (RuntimeException | InterruptedException e) {
            throw new IllegalStateException("the local stack did not start (logs in " + dataDir.resolve("logs") + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Seconds from launch to healthy of each service in the initial start, where all five start at once. The
     * launcher checks them one after the other every 200 ms, so each is an upper bound (±0.2 s).
     */
    public Map<String, Double> initialTimesToHealthy() {
        return Map.copyOf(initialTimesToHealthy);
    }

    public LocalStack stack() {
        return stack;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String url(String service) {
        return stack.urlOf(service);
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    public HttpClient http() {
        return http;
    }

    /** A JWT for {@code user} with role {@code user}, valid for an hour. */
    public String token(String user) {
        return Hs256Tokens.mint(stack.jwtSecret(), user, List.of("user"), Duration.ofHours(1));
    }

    /** A new connection to a service's own database, as the service's user. */
    public Connection connect(String service) throws SQLException {
        return connect(service, "");
    }

    /** As {@link #connect(String)}, with extra JDBC URL parameters such as {@code reWriteBatchedInserts=true}. */
    public Connection connect(String service, String urlParameters) throws SQLException {
        String url = stack.databaseUrl(service);
        if (!urlParameters.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + urlParameters;
        }
        String user = System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", EmbeddedPostgresServer.USER);
        String password = System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", "");
        return DriverManager.getConnection(url, user, password);
    }

    /** Stops everything; deletes the data folder unless {@code keepData}. */
    public void close(boolean keepData) {
        stack.close();
        if (!keepData) {
            DataDirs.deleteQuietly(dataDir);
        }
    }

    @Override
    public void close() {
        close(false);
    }
}
