package io.taskstream.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a Deployment puts in the environment is read by the service, and secrets only come from Secrets. */
class EnvVarsTest {

    private static final Pattern SENSITIVE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIALS?)$");

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void everyVariableIsAKeyTheServiceReads(String overlay, String service) {
        Set<String> readable = EnvKeys.readBy(service);
        Set<String> unknown = new TreeSet<>(RenderedManifests.overlay(overlay).environment(service).keySet());
        unknown.removeAll(readable);
        assertThat(unknown).as(overlay + ": " + service + " sets variables that neither its application.yml/application-k8s.yml "
                + "placeholders nor its (or its shared modules') code read").isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void secretsComeOnlyFromSecretKeyRefs(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        for (Map.Entry<String, Object> e : rendered.environment(service).entrySet()) {
            if (SENSITIVE.matcher(e.getKey()).matches()) {
                assertThat(Y.str(e.getValue(), "secretKeyRef", "name")).as(overlay + ": " + service + " takes "
                        + e.getKey() + " from a Secret (valueFrom.secretKeyRef), never a literal or ConfigMap").isNotBlank();
                assertThat(Y.str(e.getValue(), "secretKeyRef", "key")).isNotBlank();
            }
        }
    }

    @Test
    void noSecretManifestAnywhereUnderDeploy() {
        for (Path file : Repo.files(Repo.deploy(), ".yaml", ".yml")) {
            assertThat(Repo.read(file)).as(file + " must only reference Secrets").doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$");
        }
    }
}
