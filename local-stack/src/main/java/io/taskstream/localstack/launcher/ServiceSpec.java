package io.taskstream.localstack.launcher;

import java.util.List;
import java.util.Locale;

/**
 * One service the local stack launches.
 *
 * @param name        module and service name, e.g. {@code api-service}
 * @param defaultPort HTTP port unless {@code <NAME>_PORT} overrides it
 * @param database    its own database, or {@code null} if it keeps no state in PostgreSQL
 * @param extraUrls   paths worth printing besides the root, e.g. the OpenAPI UI
 */
public record ServiceSpec(String name, int defaultPort, String database, List<String> extraUrls) {

    /** Every service of the suite, in start order. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("api-service", 8080, "taskstream_api", List.of("/tasks")),
            new ServiceSpec("audit-service", 8081, "taskstream_audit", List.of("/audit?taskId=")),
            new ServiceSpec("notification-service", 8082, "taskstream_notification", List.of()),
            new ServiceSpec("recurring-service", 8083, "taskstream_recurring", List.of()),
            new ServiceSpec("websocket-service", 8084, null, List.of()));

    /** Environment variable that moves this service's port, e.g. {@code API_SERVICE_PORT}. */
    public String portVariable() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }
}
