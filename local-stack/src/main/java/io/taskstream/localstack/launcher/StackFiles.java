package io.taskstream.localstack.launcher;

import io.taskstream.localstack.infra.Hs256Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The stack's files: the service jars it launches, its data folder and the JWT secret kept in it. */
final class StackFiles {

    private static final Logger LOG = LoggerFactory.getLogger(StackFiles.class);

    private StackFiles() {
    }

    /** The newest runnable jar in {@code <service>/target}. */
    static Path findJar(LocalStackConfig config, ServiceSpec spec) {
        Path target = config.repoRoot().resolve(spec.name()).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> {
                        String f = p.getFileName().toString();
                        return f.startsWith(spec.name() + "-") && f.endsWith(".jar") && !f.contains("-tests")
                                && !f.contains("-sources");
                    })
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IllegalStateException("no runnable jar for " + spec.name() + " in " + target
                            + "; build first: ./mvnw -B -T 1 -DskipTests package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the data folder, emptied first when the stack starts fresh. */
    static void prepareDataDir(LocalStackConfig config) {
        try {
            if (config.wipe() && Files.exists(config.dataDir())) {
                LOG.info("wiping {}", config.dataDir());
                try (Stream<Path> all = Files.walk(config.dataDir())) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + config.dataDir(), e);
        }
    }

    /** The HS256 secret the services share, kept with the data so tokens stay valid across restarts. */
    static String loadOrCreateSecret(LocalStackConfig config) {
        Path file = config.dataDir().resolve("jwt-secret");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, Hs256Tokens.newSecret(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
