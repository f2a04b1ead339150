package io.taskstream.messaging.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** The index of {@code location} ({@code classpath:db/migration}); empty when the build wrote none. */
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
        List<Script> scripts = new ArrayList<>(names.size());
        for (String name : names) {
            scripts.add(new Script(name, SchemaVersion.ofScript(name), checksum(loader, directory + "/" + name)));
        }
        return Optional.of(new MigrationIndex(location, List.copyOf(scripts)));
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
