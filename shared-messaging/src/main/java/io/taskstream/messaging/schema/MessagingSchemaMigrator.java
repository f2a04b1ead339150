package io.taskstream.messaging.schema;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Applies shared-messaging's own tables (the outbox, later processed_event) to the service's
 * database at start-up, in their own schema {@value #SCHEMA} with their own Flyway history. The
 * service's migrations own {@code public}; neither set of {@code V<n>} numbers can collide with,
 * or be blocked by, the other.
 */
@Context
@Requires(beans = DataSource.class)
@Requires(property = "taskstream.messaging.schema.enabled", notEquals = "false")
public class MessagingSchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingSchemaMigrator.class);
    public static final String SCHEMA = "messaging";
    static final String LOCATION = "classpath:db/messaging";

    MessagingSchemaMigrator(DataSource dataSource, DataSourceResolver resolver) {
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(resolver.resolve(dataSource))
                .locations(LOCATION)
                .schemas(SCHEMA)
                .createSchemas(true)
                .load()
                .migrate();
        // Flyway leaves the target version empty when nothing was applied: the schema is then where it was.
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info("messaging schema at version {} ({} migrations applied)", version, result.migrationsExecuted);
    }
}
