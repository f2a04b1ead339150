package io.taskstream.messaging.schema;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a schema already holds every migration a build ships, exactly as shipped, so that starting
 * Flyway would change nothing. Anything it is unsure of is "not current": Flyway then runs and
 * migrates, or reports the problem in its own words (a checksum mismatch, a failed migration).
 */
final class SchemaCurrency {

    /**
     * @param version the newest shipped version, which the schema is at; null when not current
     * @param detail  when not current, why Flyway must run; when current, any later release's migrations
     */
    record Verdict(String version, String detail) {
        boolean current() {
            return version != null;
        }
    }

    private SchemaCurrency() {
    }

    static Verdict judge(MigrationIndex index, Optional<List<AppliedMigration>> history) {
        if (history.isEmpty()) {
            return notCurrent("no Flyway history yet");
        }
        if (index.scripts().isEmpty()) {
            return notCurrent(index.location() + " lists no migrations");
        }
        Map<SchemaVersion, AppliedMigration> applied = new HashMap<>();
        for (AppliedMigration row : history.get()) {
            if ("SCHEMA".equals(row.type())) {
                continue; // Flyway's marker that it created the schema
            }
            if (!row.success()) {
                return notCurrent("V" + row.version() + " failed when it was applied");
            }
            if (!"SQL".equals(row.type()) || row.version() == null) {
                return notCurrent("the history holds a " + row.type() + " entry (" + row.script() + ")");
            }
            applied.put(SchemaVersion.parse(row.version()), row);
        }
        SchemaVersion newest = null;
        for (MigrationIndex.Script script : index.scripts()) {
            if (script.version().isEmpty()) {
                return notCurrent(script.name() + " is not a versioned migration");
            }
            SchemaVersion version = script.version().get();
            AppliedMigration row = applied.remove(version);
            if (row == null) {
                return notCurrent("V" + version + " is not applied yet");
            }
            if (!script.name().equals(row.script()) || row.checksum() == null || row.checksum() != script.checksum()) {
                return notCurrent("V" + version + " differs from the one applied");
            }
            newest = newest == null || version.compareTo(newest) > 0 ? version : newest;
        }
        // Applied versions this build does not ship: newer ones come from a later release (Flyway ignores
        // those by default); an older one means this build lost a migration, which Flyway reports.
        SchemaVersion shipped = newest;
        Optional<SchemaVersion> missing = applied.keySet().stream()
                .filter(version -> version.compareTo(shipped) < 0).min(Comparator.naturalOrder());
        if (missing.isPresent()) {
            return notCurrent("V" + missing.get() + " is applied but not shipped by this build");
        }
        return new Verdict(newest.toString(), applied.isEmpty() ? ""
                : " (and " + applied.size() + " newer migration(s) from a later release)");
    }

    private static Verdict notCurrent(String why) {
        return new Verdict(null, why);
    }
}
