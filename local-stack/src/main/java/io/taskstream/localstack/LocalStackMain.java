package io.taskstream.localstack;

import io.taskstream.localstack.infra.Hs256Tokens;
import io.taskstream.localstack.launcher.LocalStack;
import io.taskstream.localstack.launcher.ServiceJvm;
import io.taskstream.localstack.launcher.LocalStackConfig;
import io.taskstream.localstack.launcher.ServiceProcess;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code ./taskstream up [--fresh]}: starts the whole suite and keeps it running until Ctrl-C. */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<String> flags = Arrays.asList(args);
        if (flags.contains("--help") || flags.contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        for (String flag : flags) {
            if (!flag.equals("--fresh")) {
                System.err.println("unknown option '" + flag + "'\n\n" + USAGE);
                System.exit(2);
            }
        }
        long started = System.nanoTime();
        LocalStackConfig config;
        try {
            config = LocalStackConfig.fromEnvironment(System.getenv(), flags.contains("--fresh"));
            ServiceJvm.current(); // a TASKSTREAM_SERVICE_JAVA_HOME that is no Java home stops here, with the usage
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        LocalStack stack = LocalStack.create(config);
        AtomicBoolean up = new AtomicBoolean();
        AtomicBoolean failed = new AtomicBoolean();
        AtomicBoolean stopRequested = new AtomicBoolean();
        CountDownLatch startEnded = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before the start: Ctrl-C while it is still starting must stop what was launched so far
        // (service JVMs, and embedded PostgreSQL, which pg_ctl detaches from this JVM).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.set(true);
            if (!failed.get()) { // a failed start has stopped what it launched and said why
                System.out.println(up.get() ? "\nstopping the local stack ..." : "\nstopped while starting: stopping what was launched ...");
            }
            stack.close();
            awaitQuietly(startEnded, Duration.ofSeconds(60)); // a PostgreSQL still starting is stopped once it is up
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.startAll();
            up.set(true);
        } catch (RuntimeException e) {
            startEnded.countDown();
            if (stopRequested.get()) {
                return; // the stop hook reports and finishes the stop
            }
            failed.set(true);
            System.err.println("\nlocal stack failed to start: " + e.getMessage());
            System.exit(1); // during a Ctrl-C this blocks until the stop hook is done, which is what we want
            return;
        }
        startEnded.countDown();
        printSummary(stack, config, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    private static void awaitQuietly(CountDownLatch latch, Duration wait) {
        try {
            latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void printSummary(LocalStack stack, LocalStackConfig config, long millis) {
        StringBuilder out = new StringBuilder("\nTaskstream is running (all healthy in ")
                .append(String.format("%.1f", millis / 1000.0)).append(" s)\n\n");
        out.append(String.format("  %-22s %-28s %s%n", "SERVICE", "URL", "LOG"));
        for (ServiceProcess service : stack.services()) {
            out.append(String.format("  %-22s %-28s %s%n", service.name(), service.baseUrl(),
                    config.repoRoot().relativize(service.logFile())));
        }
        out.append(String.format("  %-22s %-28s%n", "kafka", stack.bootstrapServers()));
        out.append("\n  Services run on ").append(stack.serviceJvm()).append('\n');
        out.append("\n  Health:  <service URL>/health\n");
        out.append("  Email and SMS that notification-service sends: ").append(config.repoRoot().relativize(stack.outboxLog()))
                .append("\n\n");
        String alice = Hs256Tokens.mint(stack.jwtSecret(), "alice", List.of("user"), Duration.ofDays(1));
        String bob = Hs256Tokens.mint(stack.jwtSecret(), "bob", List.of("user"), Duration.ofDays(1));
        out.append("Demo tokens (valid 24 h; more with ./taskstream token <user>):\n");
        out.append("  alice: ").append(alice).append('\n');
        out.append("  bob:   ").append(bob).append("\n\n");
        if (stack.services().stream().anyMatch(s -> s.name().equals("websocket-service"))) {
            out.append("Live board (opens signed in; the token stays in that tab):\n");
            out.append("  alice: ").append(stack.boardUrl()).append("#token=").append(alice).append('\n');
            out.append("  bob:   ").append(stack.boardUrl()).append("#token=").append(bob).append("\n\n");
        }
        out.append("Try it:\n");
        out.append("  export TOKEN=").append(alice).append('\n');
        out.append("  curl -s -XPOST ").append(stack.urlOf("api-service"))
                .append("/tasks -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' "
                        + "-d '{\"title\":\"Water the plants\"}'\n");
        out.append("  curl -s \"").append(stack.urlOf("audit-service"))
                .append("/audit?taskId=<id from above>\" -H \"Authorization: Bearer $TOKEN\"\n\n");
        out.append("Data in ").append(config.dataDir()).append(" (kept between runs; --fresh wipes it). Ctrl-C stops everything.\n");
        System.out.print(out);
        System.out.flush();
    }

    private static final String USAGE = """
            usage: ./taskstream up [--fresh]

              --fresh   delete the local data folder (PostgreSQL, Kafka, logs) before starting

            environment:
              API_SERVICE_PORT, AUDIT_SERVICE_PORT, NOTIFICATION_SERVICE_PORT, RECURRING_SERVICE_PORT,
              WEBSOCKET_SERVICE_PORT        service ports (8080..8084)
              KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT   (9092, 9093, 5433)
              SMTP_PORT, SMS_GATEWAY_PORT   local mail and SMS sinks (3025, 3026)
              KAFKA_BOOTSTRAP_SERVERS       use an external Kafka instead of the embedded one
              DATASOURCES_DEFAULT_URL       use an external PostgreSQL (JDBC URL of an admin database)
              DATASOURCES_DEFAULT_USERNAME / _PASSWORD
              TASKSTREAM_DATA_DIR           data folder (default .local-stack)
              TASKSTREAM_TOPIC_PARTITIONS   partitions per topic (3)
              TASKSTREAM_SERVICE_JAVA_OPTS  JVM options per service (-Xmx384m -XX:+UseSerialGC)
              TASKSTREAM_SERVICE_JAVA_HOME  the Java the services run on (default: the newest Java 25+ under
                                            /usr/lib/jvm, else the launcher's own)
              TASKSTREAM_CDS                false turns off the start-up archives (AOT cache on Java 25+,
                                            AppCDS before) that speed up starts (true)
            """;
}
