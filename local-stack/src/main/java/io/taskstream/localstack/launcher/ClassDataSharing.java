package io.taskstream.localstack.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * AppCDS for the service JVMs: most of a service's start-up is loading and verifying ~11k classes
 * from its fat jar, which a class-data archive maps instead (start-up about halves). JDK 17 has no
 * {@code -XX:+AutoCreateSharedArchive} (JDK 19), so a jar's first launch records its classes with
 * {@code -XX:ArchiveClassesAtExit} (written on a clean exit: SIGTERM) and later launches map them.
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

    /** Adds the CDS options for {@code jar}; returns the file being recorded, or null when an archive is mapped. */
    static Path addOptions(Path jar, List<String> options) {
        if ("false".equalsIgnoreCase(System.getenv("TASKSTREAM_CDS"))) {
            return null;
        }
        Path archive = archiveOf(jar);
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                options.add("-XX:SharedArchiveFile=" + archive);
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        Path recording = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
        options.add("-XX:ArchiveClassesAtExit=" + recording);
        options.add("-Xlog:cds*=off"); // otherwise dozens of "Skipping <class>" lines at exit
        return recording;
    }

    /** Moves a finished recording into place after a clean exit (0, 143 for SIGTERM, 130 for SIGINT); discards it otherwise. */
    static void publish(Path recording, Path jar, int exitCode) {
        try {
            // 143 and 130: stopped by SIGTERM, or by the terminal's SIGINT on Ctrl-C (the JVM still writes the archive)
            if ((exitCode == 0 || exitCode == 143 || exitCode == 130) && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archiveOf(jar), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("class-data archive for {} recorded; later launches start faster", jar.getFileName());
            }
        } catch (IOException e) {
            LOG.warn("could not keep the class-data archive for {}: {}", jar.getFileName(), e.toString());
        } finally {
            try {
                Files.deleteIfExists(recording);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    private static Path archiveOf(Path jar) {
        return jar.resolveSibling(jar.getFileName() + ".jsa");
    }
}
