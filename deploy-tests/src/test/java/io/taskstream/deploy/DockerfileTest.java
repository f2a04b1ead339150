package io.taskstream.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fallback Dockerfile of each service agrees with its module and its Deployment's constraints. */
class DockerfileTest {

    static List<String> services() {
        return Repo.services();
    }

    @ParameterizedTest
    @MethodSource("services")
    void copiesItsOwnJarRunsAsNonRootAndExposesItsPort(String service) throws Exception {
        Path dockerfile = Repo.ROOT.resolve(service).resolve("Dockerfile");
        assertThat(dockerfile).as("%s has a fallback Dockerfile", service).exists();
        List<String> lines = Files.readAllLines(dockerfile).stream().filter(l -> !l.startsWith("#")).toList();

        assertThat(lines).contains("COPY target/" + service + "-*.jar /app/app.jar");
        assertThat(lines).as("a numeric non-root user, so runAsNonRoot can verify it").contains("USER 65532:65532");
        assertThat(lines).contains("EXPOSE " + ServiceConfig.of(service).value("micronaut.server.port"));
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\"") && l.contains("-Djava.io.tmpdir=/tmp"));
    }
}
