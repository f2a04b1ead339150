package io.taskstream.localstack.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A start-up archive for the service JVMs: most of a service's start-up is loading and verifying ~13k
 * classes from its fat jar, which an archive maps instead. A jar's first launch records it, written
 * on a clean exit (SIGTERM), and later launches map it:
 * <ul>
 *   <li>on Java 25+ ({@link ServiceJvm#hasAotCache()}), an AOT cache ({@code -XX:AOTCacheOutput}):
 *       classes loaded and linked ahead of time, with the recording run's method profiles. Writing it
 *       at exit takes 10–20 s of CPU. Named after the Java version, since another build refuses it.</li>
 *   <li>before that, AppCDS ({@code -XX:ArchiveClassesAtExit}; JDK 17 has no
 *       {@code -XX:+AutoCreateSharedArchive}).</li>
 * </ul>
 * In either case:
 * <ul>
 *   <li>Each recording goes to its own temp file, renamed into place: several stacks (e2e tests) may
 *       run the same jar at once.</li>
 *   <li>An archive older than its jar is never passed (the JVM would refuse it with a warning).</li>
 *   <li>A recording is published only after a clean exit; a killed JVM leaves a partial file.</li>
 * </ul>
 * {@code TASKSTREAM_CDS=false} turns it off.
 */
final class ClassDataSharing {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);

    private ClassDataSharing() {
    }

    /** Adds the archive options for {@code jar}; returns the file being recorded, or null when an archive is mapped. */
    static Path addOptions(Path jar, ServiceJvm jvm, List<String> options) {
        return addOptions(jar, jvm, options, !"false".equalsIgnoreCase(System.getenv("TASKSTREAM_CDS")));
    }

    static Path addOptions(Path jar, ServiceJvm jvm, List<String> options, boolean enabled) {
        if (!enabled) {
            return null;
        }
        Path archive = archiveOf(jar, jvm);
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                options.add((jvm.hasAotCache() ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive);
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        sweepAbandonedRecordings(archive);
        Path recording = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
        if (jvm.hasAotCache()) {
            options.add("-XX:AOTCacheOutput=" + recording);
            options.add("-Xlog:aot*=error,cds*=error"); // otherwise dozens of "Skipping <class>" warnings at exit
        } else {
            options.add("-XX:ArchiveClassesAtExit=" + recording);
            options.add("-Xlog:cds*=off"); // otherwise dozens of "Skipping <class>" lines at exit
        }
        return recording;
    }

    /** Moves a finished recording into place after a clean exit (0, 143 for SIGTERM, 130 for SIGINT); discards it otherwise. */
    static void publish(Path recording, Path jar, ServiceJvm jvm, int exitCode) {
        try {
            // 143 and 130: stopped by SIGTERM, or by the terminal's SIGINT on Ctrl-C (the JVM still writes the archive)
            if ((exitCode == 0 || exitCode == 143 || exitCode == 130) && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archiveOf(jar, jvm), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("{} for {} recorded; later launches start faster", kind(jvm), jar.getFileName());
            }
        } catch (IOException e) {
            LOG.warn("could not keep the {} for {}: {}", kind(jvm), jar.getFileName(), e.toString());
        } finally {
            try {
                Files.deleteIfExists(recording);
                // the AOT recording's intermediate file, left behind when the JVM died before writing the cache
                Files.deleteIfExists(recording.resolveSibling(recording.getFileName() + ".config"));
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Recordings of JVMs killed mid-write (or their AOT child's files) older than an hour: no JVM still writes them. */
    private static void sweepAbandonedRecordings(Path archive) {
        String prefix = archive.getFileName() + ".";
        FileTime hourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> siblings = Files.list(archive.getParent())) {
            siblings.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().contains(".tmp"))
                    .filter(f -> {
                        try {
                            return Files.getLastModifiedTime(f).compareTo(hourAgo) < 0;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .forEach(f -> {
                        try {
                            Files.deleteIfExists(f);
                        } catch (IOException ignored) {
                            // best effort
                        }
                    });
        } catch (IOException ignored) {
            // best effort
        }
    }

    static String kind(ServiceJvm jvm) {
        return jvm.hasAotCache() ? "AOT cache" : "class-data archive";
    }

    static Path archiveOf(Path jar, ServiceJvm jvm) {
        return jar.resolveSibling(jar.getFileName() + (jvm.hasAotCache() ? ".java-" + jvm.version() + ".aot" : ".jsa"));
    }
}
