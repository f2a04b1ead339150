package io.taskstream.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with a datasource in its application.yml gets its own CloudNativePG Database (named as
 * in its default URL), owned by a managed role whose passwordSecret is the Secret the service reads;
 * a service without one gets no database settings.
 */
class DatabaseTest {

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#overlays")
    void oneDatabasePerServiceThatHasADatasource(String overlay) {
        assertThat(RenderedManifests.overlay(overlay).ofKind("Database").stream().map(d -> Y.str(d, "spec", "name")))
                .containsExactlyInAnyOrderElementsOf(Repo.services().stream()
                        .flatMap(s -> ServiceConfig.of(s).database().stream()).toList());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void serviceReachesItsOwnDatabaseAsItsOwnRole(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        Map<String, Object> env = rendered.environment(service);
        Optional<String> database = ServiceConfig.of(service).database();
        if (database.isEmpty()) {
            assertThat(env.keySet()).as(service + " has no datasource").noneMatch(k -> k.startsWith("DATASOURCES_"));
            return;
        }
        Map<String, Object> cluster = rendered.ofKind("Cluster").get(0);
        Map<String, Object> db = rendered.ofKind("Database").stream()
                .filter(d -> database.get().equals(Y.str(d, "spec", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no Database " + database.get() + " for " + service));
        assertThat(Y.str(db, "spec", "cluster", "name")).isEqualTo(Y.name(cluster));
        String owner = Y.str(db, "spec", "owner");
        Object role = Y.list(cluster, "spec", "managed", "roles").stream().filter(r -> owner.equals(Y.str(r, "name")))
                .findFirst().orElseThrow(() -> new AssertionError("Cluster manages no role " + owner));
        assertThat(Y.at(role, "login")).isEqualTo(true);
        String secret = Y.str(role, "passwordSecret", "name");
        assertThat(Y.map(env.get("DATASOURCES_DEFAULT_PASSWORD"), "secretKeyRef"))
                .as(service + " reads the password of role " + owner).containsEntry("name", secret).containsEntry("key", "password");
        assertThat(Y.map(env.get("DATASOURCES_DEFAULT_USERNAME"), "secretKeyRef"))
                .as(service + " reads the user name from the same basic-auth Secret").containsEntry("name", secret).containsEntry("key", "username");
        assertThat(rendered.plainEnv(service, "DATASOURCES_DEFAULT_URL"))
                .matches("jdbc:postgresql://" + Y.name(cluster) + "-rw:5432/" + database.get() + "(\\?.*)?");
    }

    /**
     * No wait on PostgreSQL is unbounded: for a pooled connection (with room to discard a dead idle one
     * and open another within it), for a reply on a connection whose server went silent (pgjdbc's
     * socketTimeout, seconds), and on the server for a session idle in its transaction. Each comes from
     * an environment variable with a default.
     */
    @Test
    void everyWaitOnTheDatabaseIsBounded() {
        List<String> withDatabase = Repo.services().stream().filter(s -> ServiceConfig.of(s).database().isPresent()).toList();
        assertThat(withDatabase).contains("api-service", "audit-service", "notification-service", "recurring-service");
        for (String service : withDatabase) {
            ServiceConfig config = ServiceConfig.of(service);
            assertThat(config.placeholderOf("datasources.default.connection-timeout")).as(service)
                    .hasValue("DATASOURCES_DEFAULT_CONNECTION_TIMEOUT_MS");
            assertThat(config.placeholderOf("datasources.default.validation-timeout")).as(service)
                    .hasValue("DATASOURCES_DEFAULT_VALIDATION_TIMEOUT_MS");
            int connectionTimeout = Integer.parseInt(config.value("datasources.default.connection-timeout"));
            assertThat(Integer.parseInt(config.value("datasources.default.validation-timeout"))).as(service)
                    .isBetween(250, connectionTimeout / 2);
            String socketTimeout = "datasources.default.data-source-properties.socketTimeout";
            assertThat(config.placeholderOf(socketTimeout)).as(service).hasValue("DATASOURCES_DEFAULT_SOCKET_TIMEOUT_SECONDS");
            assertThat(Integer.parseInt(config.value(socketTimeout))).as(service).isBetween(10, 300);
            assertThat(config.value("datasources.default.connection-init-sql")).as(service)
                    .isEqualTo("SET idle_in_transaction_session_timeout = '60s'");
        }
    }
}
