package io.taskstream.localstack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the launcher needs, read from arguments and environment variables.
 *
 * @param repoRoot       the checkout, where {@code <service>/target/<service>-*.jar} are found
 * @param dataDir        PostgreSQL and Kafka data, logs and the local JWT secret
 * @param wipe           delete {@code dataDir} first
 * @param ports          port per service name
 * @param kafkaPort      broker port (ignored with an external Kafka)
 * @param controllerPort KRaft controller port
 * @param postgresPort   PostgreSQL port (ignored with an external PostgreSQL)
 * @param partitions     partitions per created topic
 * @param externalKafka  bootstrap servers of an external Kafka, or null
 * @param externalDbUrl  JDBC URL of an external PostgreSQL admin database, or null
 * @param services       which services to launch
 * @param javaOptions    JVM options for each service process
 * @param smtpPort       the local SMTP server that takes notification-service's email
 * @param smsPort        the local SMS gateway that takes its text messages
 */
public record LocalStackConfig(Path repoRoot, Path dataDir, boolean wipe, Map<String, Integer> ports,
                               int kafkaPort, int controllerPort, int postgresPort, int partitions,
                               String externalKafka, String externalDbUrl, List<ServiceSpec> services,
                               List<String> javaOptions, int smtpPort, int smsPort) {

    public static LocalStackConfig fromEnvironment(Map<String, String> env, boolean wipe) {
        Path root = findRepoRoot(Path.of("").toAbsolutePath());
        Map<String, Integer> ports = new HashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ports.put(spec.name(), intEnv(env, spec.portVariable(), spec.defaultPort()));
        }
        Path dataDir = Path.of(env.getOrDefault("TASKSTREAM_DATA_DIR", root.resolve(".local-stack").toString()));
        return new LocalStackConfig(root, dataDir.toAbsolutePath(), wipe, ports,
                intEnv(env, "KAFKA_PORT", 9092), intEnv(env, "KAFKA_CONTROLLER_PORT", 9093),
                intEnv(env, "POSTGRES_PORT", 5433), intEnv(env, "TASKSTREAM_TOPIC_PARTITIONS", 3),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")), blankToNull(env.get("DATASOURCES_DEFAULT_URL")),
                ServiceSpec.ALL,
                List.of(env.getOrDefault("TASKSTREAM_SERVICE_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC").split("\\s+")),
                intEnv(env, "SMTP_PORT", 3025), intEnv(env, "SMS_GATEWAY_PORT", 3026));
    }

    /** The nearest folder upwards that holds the service modules. */
    public static Path findRepoRoot(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("api-service")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the Taskstream checkout above " + start
                + " (looked for a folder with pom.xml and api-service/); run from inside the repository");
    }

    public int portOf(ServiceSpec spec) {
        return ports.get(spec.name());
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
