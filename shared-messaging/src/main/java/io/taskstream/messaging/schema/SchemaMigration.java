package io.taskstream.messaging.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Brings one schema up to the migrations a build ships in one location. When the build's
 * {@link MigrationIndex} shows that the schema already holds all of them, exactly as shipped (every
 * restart but the first after a release), Flyway is not started at all: booting it took a sixth of a
 * service's start-up, mostly scanning the fat jar's 26k entries for scripts. Otherwise Flyway
 * migrates as usual, validation included.
 */
public final class SchemaMigration {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    /**
     * @param schema      the schema migrated (the connection's current one when none was asked for)
     * @param flywayRan   whether Flyway had to run (false: the schema was already current)
     * @param applied     how many migrations Flyway applied
     * @param version     the schema's version afterwards
     */
    public record Outcome(String schema, boolean flywayRan, int applied, String version) {
    }

    private SchemaMigration() {
    }

    /**
     * Migrates {@code schema} (created if missing) or, when it is {@code null}, the connection's
     * current schema, from {@code location} ({@code classpath:db/migration}).
     */
    public static Outcome apply(DataSource dataSource, ClassLoader loader, String location, String schema) {
        Optional<MigrationIndex> index = MigrationIndex.read(loader, location);
        String target;
        String reason;
        try (Connection connection = dataSource.getConnection()) {
            target = schema != null ? schema : connection.getSchema();
            if (target == null) {
                throw new IllegalStateException("no schema to migrate " + location + " into: the connection's search_path"
                        + " names no existing schema");
            }
            if (index.isEmpty()) {
                reason = "no up-to-date " + MigrationIndex.FILE + " beside the scripts in " + location + " (a build outside Maven?)";
            } else {
                var verdict = SchemaCurrency.judge(index.get(), AppliedMigration.readAll(connection, target));
                if (verdict.current()) {
                    LOG.info("schema {} at version {}{}: holds all {} migrations in {}, Flyway not needed",
                            target, verdict.version(), verdict.detail(), index.get().scripts().size(), location);
                    return new Outcome(target, false, 0, verdict.version());
                }
                reason = verdict.detail();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the migration history of " + location + ": " + e.getMessage(), e);
        }
        LOG.info("schema {}: {}; migrating from {} with Flyway", target, reason, location);
        FluentConfiguration flyway = Flyway.configure(loader).dataSource(dataSource).locations(location);
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        MigrateResult result = flyway.load().migrate();
        // Flyway leaves the target version empty when nothing was applied: the schema is then where it was.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info("schema {} at version {} ({} migrations applied)", target, version, result.migrationsExecuted);
        return new Outcome(target, true, result.migrationsExecuted, version);
    }
}
