package io.taskstream.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every image is a service module at that module's own version, and each overlay lists the images
 * in exactly the shape deploy/release.sh rewrites with sed.
 *
 * <p>The version is the {@code <version>} directly under {@code <project>} in {@code <service>/pom.xml},
 * else the parent's (inherited), compared as is: a service that has no release of its own fails here.
 */
class ImagesTest {

    private static final Pattern IMAGE = Pattern.compile("(?:.+/)?([a-z0-9][a-z0-9-]*):([A-Za-z0-9._-]+)");

    static String serviceVersion(String service) {
        return ServicePom.of(Repo.ROOT.resolve(service)).version();
    }

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#overlays")
    void everyImageIsAServiceModuleTaggedWithItsVersion(String overlay) {
        var rendered = RenderedManifests.overlay(overlay);
        assertThat(rendered.ofKind("Deployment").stream().map(Y::name))
                .as(overlay + ": one Deployment per service module").containsExactlyInAnyOrderElementsOf(Repo.services());
        for (Map<String, Object> deployment : rendered.ofKind("Deployment")) {
            Map<String, Object> pod = Y.map(deployment, "spec", "template", "spec");
            for (Object container : concat(Y.list(pod, "initContainers"), Y.list(pod, "containers"))) {
                String image = Y.str(container, "image");
                Matcher m = IMAGE.matcher(image);
                assertThat(m.matches()).as(overlay + ": image " + image + " has a registry path and a tag").isTrue();
                String module = m.group(1);
                assertThat(Repo.services()).as(overlay + ": image " + image + " is a service module").contains(module);
                assertThat(ServicePom.of(Repo.ROOT.resolve(module)).artifactId()).isEqualTo(module);
                assertThat(Y.name(deployment)).as("the Deployment running " + image).isEqualTo(module);
                assertThat(m.group(2)).as(overlay + ": tag of " + module + " = its pom version").isEqualTo(serviceVersion(module));
                assertThat(Y.str(deployment, "metadata", "labels", "app.kubernetes.io/version")).isEqualTo(m.group(2));
                assertThat(Y.str(deployment, "spec", "template", "metadata", "labels", "app.kubernetes.io/version"))
                        .as(module + " pod version label = its image tag").isEqualTo(m.group(2));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#overlays")
    void imagesListHasTheShapeReleaseShEdits(String overlay) {
        String text = Repo.read(Repo.deploy().resolve("overlays").resolve(overlay).resolve("kustomization.yaml"));
        assertThat(text).as(overlay + " has a top-level images: list").contains("\nimages:\n");
        assertThat(Pattern.compile("^  - name: ", Pattern.MULTILINE).matcher(text.substring(text.indexOf("\nimages:"))).results()
                .count()).as(overlay + ": exactly one images: entry per service").isEqualTo(Repo.services().size());
        for (String service : Repo.services()) {
            Pattern entry = Pattern.compile("^  - name: taskstream/" + Pattern.quote(service) + "\n"
                    + "    newName: [^\\s]+/" + Pattern.quote(service) + "\n"
                    + "    newTag: \"([^\"]+)\"$", Pattern.MULTILINE);
            List<String> tags = entry.matcher(text).results().map(r -> r.group(1)).toList();
            assertThat(tags).as(overlay + ": one three-line images: entry for " + service
                    + " (name taskstream/<module>, newName, newTag in double quotes)").hasSize(1);
            assertThat(tags.get(0)).as(overlay + ": newTag of " + service).isEqualTo(serviceVersion(service));
        }
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
