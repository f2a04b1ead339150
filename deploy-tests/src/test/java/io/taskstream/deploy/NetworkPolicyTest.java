package io.taskstream.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service's pods sit behind a NetworkPolicy (ingress and egress) that lets in Prometheus, and
 * lets out DNS, Kafka, PostgreSQL only if it has a datasource, and the services it calls
 * ({@code micronaut.http.services.*} in its config), whose own policy lets it in.
 */
class NetworkPolicyTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void servicesAreFencedToWhatTheyUse(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        ServiceConfig config = ServiceConfig.of(service);
        Map<String, Object> policy = policyOf(rendered, service);
        assertThat(Y.list(policy, "spec", "policyTypes")).contains("Ingress", "Egress");
        assertThat(allows(policy, "ingress", "from", peer -> "monitoring".equals(
                Y.str(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")), "http"))
                .as(service + ": Prometheus may scrape it").isTrue();
        assertThat(allows(policy, "egress", "to", peer -> "kube-dns".equals(Y.str(peer, "podSelector", "matchLabels", "k8s-app")), "53"))
                .as(service + ": DNS").isTrue();
        Map<String, Object> kafka = rendered.ofKind("Kafka").get(0);
        String brokerPort = Y.str(Y.list(kafka, "spec", "kafka", "listeners").get(0), "port");
        assertThat(allows(policy, "egress", "to", labelled("strimzi.io/cluster", Y.name(kafka)), brokerPort))
                .as(service + ": Kafka brokers").isTrue();
        boolean database = config.database().isPresent();
        assertThat(allows(policy, "egress", "to", labelled("cnpg.io/cluster", Y.name(rendered.ofKind("Cluster").get(0))), "5432"))
                .as(service + ": PostgreSQL egress exactly when it has a datasource").isEqualTo(database);
        for (String target : config.childrenOf("micronaut.http.services")) {
            String port = String.valueOf(ServiceConfig.of(target).port());
            assertThat(allows(policy, "egress", "to", labelled("app.kubernetes.io/name", target), port))
                    .as(service + " may call " + target + " on " + port).isTrue();
            assertThat(allows(policyOf(rendered, target), "ingress", "from", labelled("app.kubernetes.io/name", service), "http"))
                    .as(target + " lets " + service + " in").isTrue();
            String variable = config.placeholderOf("micronaut.http.services." + target + ".url")
                    .orElseThrow(() -> new AssertionError(service + ": the URL of " + target + " is not configurable"));
            assertThat(rendered.plainEnv(service, variable)).as(service + " " + variable).isEqualTo("http://" + target + ":" + port);
        }
    }

    private static Map<String, Object> policyOf(RenderedManifests rendered, String service) {
        Map<String, Object> podLabels = Y.map(rendered.get("Deployment", service), "spec", "template", "metadata", "labels");
        List<Map<String, Object>> selecting = rendered.ofKind("NetworkPolicy").stream()
                .filter(p -> podLabels.entrySet().containsAll(Y.map(p, "spec", "podSelector", "matchLabels").entrySet())).toList();
        assertThat(selecting).as(service + " pods are selected by exactly one NetworkPolicy").hasSize(1);
        return selecting.get(0);
    }

    private static Predicate<Object> labelled(String label, String value) {
        return peer -> value.equals(Y.str(peer, "podSelector", "matchLabels", label));
    }

    /** Some rule of {@code direction} admits a peer matching {@code peer} on {@code port} (a number or a port name). */
    private static boolean allows(Map<String, Object> policy, String direction, String peers, Predicate<Object> peer, String port) {
        return Y.list(policy, "spec", direction).stream().anyMatch(rule ->
                Y.list(rule, peers).stream().anyMatch(peer)
                        && (Y.list(rule, "ports").isEmpty() || Y.list(rule, "ports").stream().anyMatch(p -> port.equals(Y.str(p, "port")))));
    }
}
