package io.taskstream.localstack.launcher;

import io.taskstream.localstack.infra.DataDirs;
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
    private static final String SECRET_FILE = "jwt-secret";

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
                            + "; build first: ./mvnw -B -T 1 -DskipTests -pl '!e2e-tests' package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates the data folder, emptied first when the stack starts fresh. Only a folder this launcher
     * made (it holds the {@value #SECRET_FILE} file) or an empty one is emptied: a mistyped
     * {@code TASKSTREAM_DATA_DIR} must not cost anyone their files.
     */
    static void prepareDataDir(LocalStackConfig config) {
        Path dir = config.dataDir();
        try {
            if (config.wipe() && Files.exists(dir)) {
                if (!Files.exists(dir.resolve(SECRET_FILE)) && !isEmpty(dir)) {
                    throw new IllegalStateException("refusing to wipe " + dir + " for --fresh: it is not a Taskstream data folder"
                            + " (no " + SECRET_FILE + " file in it). Check TASKSTREAM_DATA_DIR, or delete the folder yourself.");
                }
                LOG.info("wiping {}", dir);
                DataDirs.delete(dir);
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The HS256 secret the services share, kept with the data so tokens stay valid across restarts. */
    static String loadOrCreateSecret(LocalStackConfig config) {
        Path file = config.dataDir().resolve(SECRET_FILE);
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
