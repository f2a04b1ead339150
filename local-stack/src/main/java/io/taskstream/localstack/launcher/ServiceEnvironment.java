package io.taskstream.localstack.launcher;

import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.JdbcUrls;

import java.util.HashMap;
import java.util.Map;

/** The environment variables one service process is launched with: the same keys its deployment sets. */
final class ServiceEnvironment {

    static final String NOTIFICATION = "notification-service";
    static final String API = "api-service";
    static final String WEBSOCKET = "websocket-service";

    private ServiceEnvironment() {
    }

    /**
     * @param adminDbUrl       the stack's PostgreSQL (its database is created there if missing)
     * @param outboxRunning    whether the local SMTP/SMS catcher runs (notification-service sends to it)
     */
    static Map<String, String> of(ServiceSpec spec, LocalStackConfig config, String bootstrapServers, String jwtSecret,
                                  String adminDbUrl, boolean outboxRunning) {
        Map<String, String> env = new HashMap<>();
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(config.portOf(spec)));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("JWT_SECRET", jwtSecret);
        env.put("MICRONAUT_ENVIRONMENTS", "local");
        config.services().stream().filter(s -> s.name().equals(API)).findFirst()
                .ifPresent(api -> env.put("API_SERVICE_URL", "http://localhost:" + config.portOf(api)));
        // The live board is served by websocket-service and calls api-service from the browser.
        String boardOrigin = "http://localhost:" + config.ports().get(WEBSOCKET);
        if (spec.name().equals(API)) {
            env.put("API_CORS_ALLOWED_ORIGINS", boardOrigin);
        }
        if (spec.name().equals(WEBSOCKET)) {
            env.put("API_PUBLIC_URL", "http://localhost:" + config.ports().get(API));
            env.put("WEBSOCKET_ALLOWED_ORIGINS", boardOrigin);
        }
        if (spec.name().equals(NOTIFICATION) && outboxRunning) {
            env.put("SMTP_HOST", "127.0.0.1");
            env.put("SMTP_PORT", String.valueOf(config.smtpPort()));
            env.put("SMS_GATEWAY_URL", "http://127.0.0.1:" + config.smsPort() + "/sms");
            env.put("SMS_GATEWAY_TOKEN", "local");
        }
        if (spec.database() != null) {
            String user = System.getenv().getOrDefault("DATASOURCES_DEFAULT_USERNAME", EmbeddedPostgresServer.USER);
            String password = System.getenv().getOrDefault("DATASOURCES_DEFAULT_PASSWORD", "");
            EmbeddedPostgresServer.Databases.ensure(adminDbUrl, user, password, spec.database());
            env.put("DATASOURCES_DEFAULT_URL", JdbcUrls.withDatabase(adminDbUrl, spec.database()));
            env.put("DATASOURCES_DEFAULT_USERNAME", user);
            env.put("DATASOURCES_DEFAULT_PASSWORD", password);
        }
        return env;
    }
}
