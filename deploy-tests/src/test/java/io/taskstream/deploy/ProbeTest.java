package io.taskstream.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes, Service and ServiceMonitor point at what the service really serves, read from its
 * application.yml: the port ({@code micronaut.server.port}, or {@code endpoints.all.port}), the
 * management base path ({@code endpoints.all.path}), Micronaut's {@code health/liveness},
 * {@code health/readiness} and {@code prometheus} endpoints, enabled and anonymous; readiness leaves
 * the broker out.
 */
class ProbeTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void probesHitTheHealthEndpointsOnTheServicePort(String overlay, String service) {
        ServiceConfig config = ServiceConfig.of(service);
        assertThat(config.isFalse("endpoints.health.enabled")).as(service + " disables its health endpoint").isFalse();
        // Readiness takes a pod out of its Service; a broker outage would take every replica of every
        // service out at once, although their HTTP APIs answer without Kafka (ReadinessWithoutBrokerTest).
        assertThat(config.isFalse("kafka.health.enabled")).as(service + ": kafka.health.enabled must be false, "
                + "so readiness does not depend on the broker").isTrue();
        Map<String, Object> container = RenderedManifests.overlay(overlay).container(service);
        String base = managementBase(config);
        assertProbe(service, container, "livenessProbe", List.of(base + "health/liveness"), managementPort(config));
        assertProbe(service, container, "readinessProbe", List.of(base + "health/readiness"), managementPort(config));
        assertProbe(service, container, "startupProbe", List.of(base + "health/liveness", base + "health"), managementPort(config));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void serviceAndServiceMonitorReachTheRealPortAndPrometheusPath(String overlay, String service) {
        ServiceConfig config = ServiceConfig.of(service);
        var rendered = RenderedManifests.overlay(overlay);
        Map<String, Object> port = Y.map(rendered.get("Service", service), "spec", "ports", 0);
        assertThat(Y.str(port, "port")).as(service + " Service port (callers use http://<service>:<port>)")
                .isEqualTo(String.valueOf(config.port()));
        assertThat(containerPort(rendered.container(service), Y.at(port, "targetPort"))).isEqualTo(config.port());

        Map<String, Object> endpoint = Y.map(rendered.get("ServiceMonitor", service), "spec", "endpoints", 0);
        assertThat(Y.str(endpoint, "port")).as("ServiceMonitor port name").isEqualTo(Y.str(port, "name"));
        assertThat(Y.str(endpoint, "path")).isEqualTo(managementBase(config) + "prometheus");
        assertThat(Y.map(rendered.get("ServiceMonitor", service), "spec", "selector", "matchLabels"))
                .isEqualTo(Y.map(rendered.get("Service", service), "spec", "selector"));
        assertThat(config.value("endpoints.prometheus.sensitive")).as(service + " endpoints.prometheus.sensitive").isEqualTo("false");
        assertAnonymous(config, managementBase(config) + "prometheus");
    }

    private static void assertProbe(String service, Map<String, Object> container, String probe, List<String> paths, int port) {
        Map<String, Object> get = Y.map(container, probe, "httpGet");
        assertThat(get).as(service + " has an HTTP " + probe).isNotEmpty();
        assertThat(Y.str(get, "path")).as(service + " " + probe + " path").isIn(paths);
        assertThat(containerPort(container, Y.at(get, "port"))).as(service + " " + probe + " port").isEqualTo(port);
        assertAnonymous(ServiceConfig.of(service), Y.str(get, "path"));
    }

    /** A probe gets no token: some intercept-url-map entry must let anonymous callers reach the path. */
    private static void assertAnonymous(ServiceConfig config, String path) {
        assertThat(Y.list(config.raw("micronaut.security.intercept-url-map")))
                .as(config.service + ": intercept-url-map lets anonymous callers reach " + path)
                .anySatisfy(rule -> {
                    String pattern = Y.str(rule, "pattern");
                    boolean matches = pattern.endsWith("/**")
                            ? path.equals(pattern.substring(0, pattern.length() - 3)) || path.startsWith(pattern.substring(0, pattern.length() - 2))
                            : path.equals(pattern);
                    assertThat(matches).isTrue();
                    assertThat(String.valueOf(Y.at(rule, "access"))).contains("isAnonymous()");
                });
    }

    static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return Y.list(container, "ports").stream().filter(p -> String.valueOf(port).equals(Y.str(p, "name")))
                .map(p -> Integer.parseInt(Y.str(p, "containerPort"))).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    private static String managementBase(ServiceConfig config) {
        String base = config.value("endpoints.all.path");
        base = base == null ? "/" : base;
        return base.endsWith("/") ? base : base + "/";
    }

    private static int managementPort(ServiceConfig config) {
        String port = config.value("endpoints.all.port");
        return port == null ? config.port() : Integer.parseInt(port);
    }
}
