package io.taskstream.localstack.launcher;

import io.taskstream.events.Topics;
import io.taskstream.localstack.infra.EmbeddedKafka;
import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.JdbcUrls;
import io.taskstream.localstack.infra.LocalOutbox;
import io.taskstream.localstack.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite on one machine: PostgreSQL, Kafka, topics, then every service as its own
 * process. {@link #close()} stops the services (SIGTERM first), then Kafka, then PostgreSQL.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final String NOTIFICATION = ServiceEnvironment.NOTIFICATION;
    private static final String WEBSOCKET = ServiceEnvironment.WEBSOCKET;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);

    private final LocalStackConfig config;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<String> crashes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private LocalOutbox outbox;
    private String jwtSecret;
    private String bootstrapServers;
    private String adminDbUrl;
    private boolean closed;

    private LocalStack(LocalStackConfig config) {
        this.config = config;
    }

    public static LocalStack start(LocalStackConfig config) throws InterruptedException {
        LocalStack stack = create(config);
        stack.startAll();
        return stack;
    }

    /** A stack not started yet: {@link #close()} may then stop it from another thread while {@link #startAll()} runs. */
    public static LocalStack create(LocalStackConfig config) {
        return new LocalStack(config);
    }

    /** Starts everything and waits until every service is healthy; on failure (or a close meanwhile) stops what it started. */
    public void startAll() throws InterruptedException {
        try {
            startEverything();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private void startEverything() throws InterruptedException {
        Map<ServiceSpec, Path> jars = new HashMap<>();
        for (ServiceSpec spec : config.services()) {
            jars.put(spec, StackFiles.findJar(config, spec));
            Ports.requireFree(config.portOf(spec), spec.name(), spec.portVariable());
        }
        requireInfrastructurePortsFree(); // before --fresh wipes anything: a port in use may be our own PostgreSQL
        StackFiles.prepareDataDir(config);
        jwtSecret = StackFiles.loadOrCreateSecret(config);
        adminDbUrl = startOrConnectPostgres();
        ensureOpen();
        bootstrapServers = startOrConnectKafka();
        ensureOpen();
        if (config.services().stream().anyMatch(s -> s.name().equals(NOTIFICATION))) {
            LocalOutbox started = LocalOutbox.start(config.smtpPort(), config.smsPort(), outboxLog());
            adopt(started, () -> outbox = started);
        }
        for (ServiceSpec spec : config.services()) {
            launch(spec, jars.get(spec), adminDbUrl);
        }
        for (ServiceProcess service : services()) {
            service.awaitHealthy(HEALTH_TIMEOUT);
            LOG.info("{} is healthy at {}", service.name(), service.baseUrl());
        }
    }

    /**
     * Keeps a component that finished starting, unless {@link #close()} ran meanwhile (Ctrl-C during the
     * start): then stops it at once, since close() could not see it (embedded PostgreSQL outlives this JVM).
     */
    private synchronized void adopt(AutoCloseable started, Runnable keep) {
        if (closed) {
            try {
                started.close();
            } catch (Exception e) {
                LOG.warn("could not stop {} after the stack was stopped during its start", started, e);
            }
            throw new IllegalStateException("the stack was stopped while starting");
        }
        keep.run();
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the stack was stopped while starting");
        }
    }

    private void requireInfrastructurePortsFree() {
        if (config.externalDbUrl() == null) {
            Ports.requireFree(config.postgresPort(), "PostgreSQL", "POSTGRES_PORT");
        }
        if (config.externalKafka() == null) {
            Ports.requireFree(config.kafkaPort(), "Kafka broker", "KAFKA_PORT");
            Ports.requireFree(config.controllerPort(), "Kafka KRaft controller", "KAFKA_CONTROLLER_PORT");
        }
        if (config.services().stream().anyMatch(s -> s.name().equals(NOTIFICATION))) {
            Ports.requireFree(config.smtpPort(), "local SMTP server", "SMTP_PORT");
            Ports.requireFree(config.smsPort(), "local SMS gateway", "SMS_GATEWAY_PORT");
        }
    }

    private String startOrConnectPostgres() {
        if (config.externalDbUrl() != null) {
            LOG.info("using external PostgreSQL at {}", config.externalDbUrl());
            return config.externalDbUrl();
        }
        return startPostgres(config.dataDir().resolve("postgres"));
    }

    private String startPostgres(Path dataDir) {
        EmbeddedPostgresServer started = EmbeddedPostgresServer.start(dataDir, config.postgresPort(), true);
        adopt(started, () -> postgres = started);
        return started.jdbcUrl("postgres");
    }

    private String startOrConnectKafka() {
        String bootstrap = config.externalKafka();
        if (bootstrap == null) {
            EmbeddedKafka started = EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort(),
                    config.controllerPort(), config.partitions());
            adopt(started, () -> kafka = started);
            bootstrap = started.bootstrapServers();
        } else {
            LOG.info("using external Kafka at {}", bootstrap);
        }
        EmbeddedKafka.createTopics(bootstrap, Topics.allWithDeadLetters(), config.partitions());
        LOG.info("topics ready: {}", Topics.allWithDeadLetters());
        return bootstrap;
    }

    /** Starts one service again (after it crashed or was killed) with the same configuration; waits until healthy. */
    public synchronized ServiceProcess restart(String serviceName) throws InterruptedException {
        stop(serviceName);
        return start(serviceName);
    }

    /** Stops one service gracefully (SIGTERM, then SIGKILL after 20 s); {@link #start} brings it back. */
    public synchronized void stop(String serviceName) {
        ServiceProcess old = services.stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running service " + serviceName + " in this stack"));
        old.stop(Duration.ofSeconds(20));
        services.remove(old);
    }

    /** Starts a stopped service with the configuration it was launched with; waits until healthy. */
    public synchronized ServiceProcess start(String serviceName) throws InterruptedException {
        if (services.stream().anyMatch(s -> s.name().equals(serviceName))) {
            throw new IllegalStateException(serviceName + " is already running");
        }
        ServiceSpec spec = config.services().stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName + " in this stack"));
        ServiceProcess fresh = launch(spec, StackFiles.findJar(config, spec), adminDbUrl);
        fresh.awaitHealthy(HEALTH_TIMEOUT);
        LOG.info("{} started and healthy at {}", fresh.name(), fresh.baseUrl());
        return fresh;
    }

    /**
     * Stops the embedded broker, as the loss of the only broker looks to the services (for fault
     * tests); {@link #startKafka()} brings it back on the same port with its data.
     */
    public synchronized void stopKafka() {
        if (kafka == null) {
            throw new IllegalStateException("no embedded Kafka broker is running in this stack (external: "
                    + (config.externalKafka() != null) + ")");
        }
        kafka.close();
        kafka = null;
    }

    /** Starts the embedded broker again after {@link #stopKafka()}. */
    public synchronized void startKafka() {
        if (kafka != null || config.externalKafka() != null) {
            throw new IllegalStateException("the embedded Kafka broker is already running or Kafka is external");
        }
        kafka = EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort(), config.controllerPort(),
                config.partitions());
    }

    /** Stops the embedded PostgreSQL server (fast shutdown: open connections are cut), for fault tests. */
    public synchronized void stopPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("no embedded PostgreSQL is running in this stack (external: "
                    + (config.externalDbUrl() != null) + ")");
        }
        postgres.close();
        postgres = null;
    }

    /** Starts the embedded PostgreSQL server again after {@link #stopPostgres()}, with its data. */
    public synchronized void startPostgres() {
        if (postgres != null || config.externalDbUrl() != null) {
            throw new IllegalStateException("the embedded PostgreSQL is already running or PostgreSQL is external");
        }
        startPostgres(config.dataDir().resolve("postgres"));
    }

    private synchronized ServiceProcess launch(ServiceSpec spec, Path jar, String adminDbUrl) {
        ensureOpen();
        Map<String, String> env = ServiceEnvironment.of(spec, config, bootstrapServers, jwtSecret, adminDbUrl, outbox != null);
        String baseUrl = "http://localhost:" + config.portOf(spec);
        Path log = config.dataDir().resolve("logs").resolve(spec.name() + ".log");
        List<String> options = new ArrayList<>(config.javaOptions());
        Path recording = ClassDataSharing.addOptions(jar, options);
        ServiceProcess service = ServiceProcess.launch(spec.name(), jar, options, env, log, baseUrl, this::reportCrash);
        if (recording != null) {
            // An archive of a JVM stopped before it was healthy lacks the classes of a full start.
            service.afterStop(() -> ClassDataSharing.publish(recording, jar,
                    service.isAlive() || service.healthyAtNanos() == 0 ? -1 : service.exitCode()));
        }
        services.add(service);
        return service;
    }

    private void reportCrash(ServiceProcess crashed) {
        crashes.add(crashed.name());
        LOG.error("{} exited unexpectedly with code {}. Last lines of {}:\n{}", crashed.name(),
                crashed.exitCode(), crashed.logFile(), crashed.tail(30));
    }

    public synchronized List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public String urlOf(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .map(ServiceProcess::baseUrl).orElseThrow();
    }

    /** The JDBC URL of a service's own database (user and password as the services get them). */
    public String databaseUrl(String serviceName) {
        ServiceSpec spec = config.services().stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName + " in this stack"));
        if (spec.database() == null) {
            throw new IllegalArgumentException(serviceName + " has no database");
        }
        return JdbcUrls.withDatabase(adminDbUrl, spec.database());
    }

    /** Names of services that exited without being asked to, in the order they did. */
    public List<String> crashes() {
        return List.copyOf(crashes);
    }

    /** Where email and SMS sent by notification-service are written. */
    public Path outboxLog() {
        return config.dataDir().resolve("logs").resolve("outbox.log");
    }

    /** The live board page of websocket-service (open it with {@code #token=<jwt>} to sign in). */
    public String boardUrl() {
        return urlOf(WEBSOCKET) + "/board/";
    }

    public String jwtSecret() {
        return jwtSecret;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        services.parallelStream().forEach(s -> s.stop(Duration.ofSeconds(20)));
        if (outbox != null) {
            outbox.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
