package io.taskstream.localstack.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting the data folders of embedded PostgreSQL and Kafka. */
public final class DataDirs {

    private DataDirs() {
    }

    /** Deletes {@code dir} and everything in it; a file that cannot be deleted is an error. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** Like {@link #delete}, for clean-up that must not fail: reports what it left behind. */
    public static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (UncheckedIOException e) {
            System.err.println(e.getMessage() + ": " + e.getCause());
        }
    }
}
