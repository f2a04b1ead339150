package io.taskstream.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository: its root (found from {@code user.dir}), its service modules and deploy/ folders. */
final class Repo {

    static final Path ROOT = findRoot();

    private Repo() {
    }

    private static Path findRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with deploy/ and pom.xml above " + System.getProperty("user.dir"));
    }

    static Path deploy() {
        return ROOT.resolve("deploy");
    }

    /** The deployable services: modules of the root pom that apply micronaut-maven-plugin (ARCHITECTURE §7). */
    static List<String> services() {
        return ServicePom.of(ROOT).modules().stream()
                .filter(m -> read(ROOT.resolve(m).resolve("pom.xml")).contains("<artifactId>micronaut-maven-plugin</artifactId>"))
                .toList();
    }

    /** The overlays: every folder under deploy/overlays. */
    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(deploy().resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every (overlay, service) pair, for parameterized tests. */
    static Stream<org.junit.jupiter.params.provider.Arguments> overlayServices() {
        return overlays().stream().flatMap(o -> services().stream().map(s -> org.junit.jupiter.params.provider.Arguments.of(o, s)));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files under {@code dir} (none if it does not exist) whose name ends with one of {@code suffixes}. */
    static List<Path> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
