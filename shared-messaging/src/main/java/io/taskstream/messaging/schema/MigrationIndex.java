package io.taskstream.messaging.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The migrations a build ships in one location, read from the {@code INDEX} file the build writes
 * beside them (the root pom's {@code migration-index}), with the checksum Flyway gives each script.
 * Reading it costs a few resource lookups; Flyway would list every entry of the fat jar to find them.
 */
record MigrationIndex(String location, List<Script> scripts) {

    static final String FILE = "INDEX";

    /** One shipped script; {@code version} is empty for a script that is not a versioned one. */
    record Script(String name, Optional<SchemaVersion> version, int checksum) {
    }

    /**
     * The index of {@code location} ({@code classpath:db/migration}); empty when the build wrote none, or
     * when the scripts in a class-path directory are not exactly the ones it names.
     */
    static Optional<MigrationIndex> read(ClassLoader loader, String location) {
        String directory = location.replaceFirst("^classpath:", "");
        List<String> names;
        try (InputStream in = loader.getResourceAsStream(directory + "/" + FILE)) {
            if (in == null) {
                return Optional.empty();
            }
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + "/" + FILE, e);
        }
        if (!matchesDirectory(loader, directory, names)) {
            return Optional.empty();
        }
        List<Script> scripts = new ArrayList<>(names.size());
        for (String name : names) {
            scripts.add(new Script(name, SchemaVersion.ofScript(name), checksum(loader, directory + "/" + name)));
        }
        return Optional.of(new MigrationIndex(location, List.copyOf(scripts)));
    }

    /**
     * Whether a directory on the class path (an IDE's or Maven's {@code target/classes}, not a jar) holds
     * exactly the scripts its INDEX names: an IDE copies a new script there without rewriting the INDEX.
     */
    private static boolean matchesDirectory(ClassLoader loader, String directory, List<String> names) {
        URL url = loader.getResource(directory);
        if (url == null || !"file".equals(url.getProtocol())) {
            return true; // a jar's INDEX was written by the same build that packed its scripts
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            Set<String> present = files.map(path -> path.getFileName().toString())
                    .filter(name -> !name.equals(FILE)).collect(Collectors.toSet());
            return present.equals(Set.copyOf(names));
        } catch (IOException | URISyntaxException e) {
            return false;
        }
    }

    /** Flyway's checksum of a script: CRC-32 over its lines without line breaks, a leading BOM dropped. */
    static int checksum(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is listed in its " + FILE + " but not on the class path");
        }
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return (int) crc.getValue();
    }
}
