package io.taskstream.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each Deployment's pod: resources, a locked-down security context, a shutdown that fits, labels and companions. */
class PodSpecTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void requestsAndLimitsForCpuAndMemory(String overlay, String service) {
        Map<String, Object> resources = Y.map(RenderedManifests.overlay(overlay).container(service), "resources");
        for (String resource : new String[] {"cpu", "memory"}) {
            String request = Y.str(resources, "requests", resource);
            String limit = Y.str(resources, "limits", resource);
            assertThat(request).as(service + " requests." + resource).isNotBlank();
            assertThat(limit).as(service + " limits." + resource).isNotBlank();
            assertThat(quantity(limit)).as(service + " " + resource + " limit >= request").isGreaterThanOrEqualTo(quantity(request));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void nonRootReadOnlyNoCapabilitiesWithAWritableTmp(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        Map<String, Object> pod = Y.map(rendered.get("Deployment", service), "spec", "template", "spec");
        Map<String, Object> container = rendered.container(service);
        assertThat(Y.at(pod, "securityContext", "runAsNonRoot")).as(service + " runAsNonRoot").isEqualTo(true);
        assertThat(Y.at(container, "securityContext", "readOnlyRootFilesystem")).as(service + " readOnlyRootFilesystem").isEqualTo(true);
        assertThat(Y.at(container, "securityContext", "allowPrivilegeEscalation")).as(service + " allowPrivilegeEscalation").isEqualTo(false);
        assertThat(Y.list(container, "securityContext", "capabilities", "drop")).as(service + " drops capabilities").contains("ALL");
        String tmpVolume = Y.list(container, "volumeMounts").stream().filter(m -> "/tmp".equals(Y.str(m, "mountPath")))
                .map(m -> Y.str(m, "name")).findFirst().orElseThrow(() -> new AssertionError(service + " mounts nothing at /tmp"));
        assertThat(Y.list(pod, "volumes")).as(service + " /tmp is an emptyDir")
                .anySatisfy(v -> assertThat(Y.str(v, "name").equals(tmpVolume) && Y.at(v, "emptyDir") != null).isTrue());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void graceOutlastsPreStopPlusShutdown(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        Map<String, Object> pod = Y.map(rendered.get("Deployment", service), "spec", "template", "spec");
        String sleep = Y.str(rendered.container(service), "lifecycle", "preStop", "sleep", "seconds");
        assertThat(sleep).as(service + " preStop sleep (lets endpoints drop the pod before SIGTERM)").isNotNull();
        String grace = Y.str(pod, "terminationGracePeriodSeconds");
        assertThat(grace).as(service + " terminationGracePeriodSeconds").isNotNull();
        long needed = Long.parseLong(sleep) + ShutdownBudget.of(service).toSeconds();
        assertThat(Long.parseLong(grace)).as(service + " grace > preStop " + sleep + " s + shutdown budget " + ShutdownBudget.of(service))
                .isGreaterThan(needed);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void labelledAndAccompaniedByItsServiceAccountHpaAndPdb(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        Map<String, Object> deployment = rendered.get("Deployment", service);
        Map<String, Object> podLabels = Y.map(deployment, "spec", "template", "metadata", "labels");
        for (Map<String, Object> labels : java.util.List.of(Y.map(deployment, "metadata", "labels"), podLabels)) {
            assertThat(labels).as(service + " labels").containsEntry("app.kubernetes.io/name", service)
                    .containsEntry("app.kubernetes.io/part-of", "taskstream")
                    .containsKeys("app.kubernetes.io/version", "app.kubernetes.io/component");
        }
        assertThat(podLabels).containsAllEntriesOf(Y.map(deployment, "spec", "selector", "matchLabels"));
        assertThat(Y.str(deployment, "spec", "template", "spec", "serviceAccountName")).isEqualTo(service);
        rendered.get("ServiceAccount", service);
        Map<String, Object> hpa = rendered.get("HorizontalPodAutoscaler", service);
        assertThat(Y.str(hpa, "spec", "scaleTargetRef", "kind") + "/" + Y.str(hpa, "spec", "scaleTargetRef", "name"))
                .isEqualTo("Deployment/" + service);
        assertThat(Y.str(deployment, "spec", "replicas")).as(service + ": the HPA owns the replica count").isNull();
        assertThat(podLabels).as(service + " PDB selects its pods")
                .containsAllEntriesOf(Y.map(rendered.get("PodDisruptionBudget", service), "spec", "selector", "matchLabels"));
    }

    /** cpu in cores ("500m", "2"), memory in bytes ("512Mi", "1Gi", "1G"). */
    static double quantity(String q) {
        String[][] suffixes = {{"m", "1e-3"}, {"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"k", "1e3"}, {"M", "1e6"}, {"G", "1e9"}};
        for (String[] s : suffixes) {
            if (q.endsWith(s[0])) {
                return Double.parseDouble(q.substring(0, q.length() - s[0].length())) * Double.parseDouble(s[1]);
            }
        }
        return Double.parseDouble(q);
    }
}
