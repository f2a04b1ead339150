package io.taskstream.localstack.launcher;

import io.taskstream.localstack.infra.JdbcUrls;
import io.taskstream.localstack.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole suite on one machine: PostgreSQL, Kafka, topics, then every service as its own
 * process. {@link #close()} stops the services (SIGTERM first), then Kafka, then PostgreSQL.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final String NOTIFICATION = ServiceEnvironment.NOTIFICATION;
    private static final String WEBSOCKET = ServiceEnvironment.WEBSOCKET;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration STARTING_GRACE = Duration.ofSeconds(3);
    /** A JVM recording its AOT cache writes it at exit: 10–20 s of CPU each, five at once on two cores. */
    private static final Duration RECORDING_GRACE = Duration.ofSeconds(180);

    private final LocalStackConfig config;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Set<ServiceProcess> recording = ConcurrentHashMap.newKeySet();
    private final ServiceJvm jvm = ServiceJvm.current();
    private final List<String> crashes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final StackInfrastructure infrastructure;
    private String jwtSecret;
    private String bootstrapServers;
    private String adminDbUrl;
    private boolean closed;

    private LocalStack(LocalStackConfig config) {
        this.config = config;
        this.infrastructure = new StackInfrastructure(config);
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
        boolean withOutbox = config.services().stream().anyMatch(s -> s.name().equals(NOTIFICATION));
        infrastructure.requirePortsFree(withOutbox);
        StackFiles.prepareDataDir(config);
        jwtSecret = StackFiles.loadOrCreateSecret(config);
        adminDbUrl = infrastructure.startOrConnectPostgres();
        ensureOpen();
        bootstrapServers = infrastructure.startOrConnectKafka();
        ensureOpen();
        if (withOutbox) {
            infrastructure.startOutbox(outboxLog());
        }
        LOG.info("services run on {}", jvm);
        for (ServiceSpec spec : config.services()) {
            launch(spec, jars.get(spec), adminDbUrl);
        }
        for (ServiceProcess service : services()) {
            service.awaitHealthy(HEALTH_TIMEOUT);
            LOG.info("{} is healthy at {}", service.name(), service.baseUrl());
        }
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the stack was stopped while starting");
        }
    }

    /** Starts one service again (after it crashed or was killed) with the same configuration; waits until healthy. */
    public synchronized ServiceProcess restart(String serviceName) throws InterruptedException {
        stop(serviceName);
        return start(serviceName);
    }

    /** Stops one service gracefully (SIGTERM, then SIGKILL after 20 s, or 3 min while it writes its start-up archive); {@link #start} brings it back. */
    public synchronized void stop(String serviceName) {
        ServiceProcess old = running(serviceName);
        old.stop(graceFor(old));
        services.remove(old);
    }

    private Duration graceFor(ServiceProcess service) {
        if (service.healthyAtNanos() == 0) {
            return STARTING_GRACE;
        }
        if (recording.remove(service) && service.isAlive()) {
            LOG.info("{} is writing its {} (once per build of its jar; later starts are faster)",
                    service.name(), ClassDataSharing.kind(jvm));
            return RECORDING_GRACE;
        }
        return STOP_GRACE;
    }

    /** The Java the services run on. */
    public ServiceJvm serviceJvm() {
        return jvm;
    }

    /** Starts a stopped service with the configuration it was launched with; waits until healthy. */
    public synchronized ServiceProcess start(String serviceName) throws InterruptedException {
        if (services.stream().anyMatch(s -> s.name().equals(serviceName))) {
            throw new IllegalStateException(serviceName + " is already running");
        }
        ServiceSpec spec = spec(serviceName);
        ServiceProcess fresh = launch(spec, StackFiles.findJar(config, spec), adminDbUrl);
        fresh.awaitHealthy(HEALTH_TIMEOUT);
        LOG.info("{} started and healthy at {}", fresh.name(), fresh.baseUrl());
        return fresh;
    }

    /**
     * Stops the embedded broker, as the loss of the only broker looks to the services (for fault
     * tests); {@link #startKafka()} brings it back on the same port with its data.
     */
    public void stopKafka() {
        infrastructure.stopKafka();
    }

    /** Starts the embedded broker again after {@link #stopKafka()}. */
    public void startKafka() {
        infrastructure.startKafka();
    }

    /** Stops the embedded PostgreSQL server (fast shutdown: open connections are cut), for fault tests. */
    public void stopPostgres() {
        infrastructure.stopPostgres();
    }

    /** Starts the embedded PostgreSQL server again after {@link #stopPostgres()}, with its data. */
    public void startPostgres() {
        infrastructure.startPostgres();
    }

    private synchronized ServiceProcess launch(ServiceSpec spec, Path jar, String adminDbUrl) {
        ensureOpen();
        Map<String, String> env = ServiceEnvironment.of(spec, config, bootstrapServers, jwtSecret, adminDbUrl, infrastructure.hasOutbox());
        String baseUrl = "http://localhost:" + config.portOf(spec);
        Path log = config.dataDir().resolve("logs").resolve(spec.name() + ".log");
        List<String> options = new ArrayList<>(jvm.baseOptions());
        options.addAll(config.javaOptions());
        Path archive = ClassDataSharing.addOptions(jar, jvm, options);
        ServiceProcess service = ServiceProcess.launch(spec.name(), jvm.executable(), jar, options, env, log, baseUrl,
                this::reportCrash);
        if (archive != null) {
            recording.add(service);
            // An archive of a JVM stopped before it was healthy lacks the classes of a full start.
            service.afterStop(() -> ClassDataSharing.publish(archive, jar, jvm,
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

    public synchronized String urlOf(String serviceName) {
        return running(serviceName).baseUrl();
    }

    /** The JDBC URL of a service's own database (user and password as the services get them). */
    public String databaseUrl(String serviceName) {
        ServiceSpec spec = spec(serviceName);
        if (spec.database() == null) {
            throw new IllegalArgumentException(serviceName + " has no database");
        }
        return JdbcUrls.withDatabase(adminDbUrl, spec.database());
    }

    private ServiceSpec spec(String serviceName) {
        return config.services().stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName + " in this stack"));
    }

    private synchronized ServiceProcess running(String serviceName) {
        return services.stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running service " + serviceName + " in this stack"));
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
        // A JVM told to stop while Micronaut is still starting finishes that start first (or hangs in it): waiting
        // 20 s for each such service made a Ctrl-C during ./taskstream up take half a minute. Until it answered
        // /health a service has done nothing a kill could lose (a migration is one transaction, nothing committed).
        // All at once, not a parallel stream's two at a time on two cores: a JVM writing its AOT cache takes 10–20 s.
        try {
            CompletableFuture.allOf(services.stream()
                    .map(s -> CompletableFuture.runAsync(() -> s.stop(graceFor(s)), runnable -> new Thread(runnable, "stop-" + s.name()).start()))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            infrastructure.close(); // PostgreSQL is detached from this JVM: it must stop even if a service's stop failed
        }
    }
}
