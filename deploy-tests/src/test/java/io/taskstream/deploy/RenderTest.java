package io.taskstream.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kustomization under deploy/ renders: the infrastructure and each service base alone, and each overlay. */
class RenderTest {

    private static final List<String> SERVICE_KINDS = List.of("ServiceAccount", "ConfigMap", "Deployment", "Service",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor");

    @Test
    void infrastructureRendersAlone() {
        var infra = RenderedManifests.of("infrastructure");
        assertThat(infra.objects.stream().map(Y::kind).distinct())
                .contains("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Database");
        assertThat(infra.ofKind("Secret")).as("Secret values never live in the repository").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#services")
    void eachServiceBaseRendersAloneWithEverythingItNeeds(String service) {
        var base = RenderedManifests.of(service);
        for (String kind : SERVICE_KINDS) {
            base.get(kind, service);
        }
        assertThat(Y.str(base.container(service), "image"))
                .as("the base names the image after its module, untagged; overlays set the tag")
                .isEqualTo("taskstream/" + service);
    }

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#overlays")
    void overlayRendersEveryServiceAndTheInfrastructureIntoOneNamespace(String overlay) {
        var rendered = RenderedManifests.overlay(overlay);
        List<Map<String, Object>> namespaces = rendered.ofKind("Namespace");
        assertThat(namespaces).as(overlay + " declares its namespace").hasSize(1);
        String namespace = Y.name(namespaces.get(0));
        assertThat(rendered.objects).filteredOn(o -> !"Namespace".equals(Y.kind(o)))
                .allSatisfy(o -> assertThat(Y.str(o, "metadata", "namespace"))
                        .as(Y.kind(o) + " " + Y.name(o) + " namespace").isEqualTo(namespace));
        for (String service : Repo.services()) {
            rendered.get("Deployment", service);
        }
        assertThat(rendered.ofKind("Kafka")).hasSize(1);
        assertThat(rendered.ofKind("Cluster")).hasSize(1);
        assertThat(rendered.ofKind("Secret")).as("Secret values never live in the repository").isEmpty();
    }
}
