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
 * database at start-up. They are versioned apart from the service's migrations, in their own
 * history table, so a service's {@code V<n>} numbers and ours can never collide.
 */
@Context
@Requires(beans = DataSource.class)
@Requires(property = "taskstream.messaging.schema.enabled", notEquals = "false")
public class MessagingSchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingSchemaMigrator.class);
    static final String LOCATION = "classpath:db/messaging";
    static final String HISTORY_TABLE = "flyway_messaging_history";

    MessagingSchemaMigrator(DataSource dataSource, DataSourceResolver resolver) {
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(resolver.resolve(dataSource))
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info("messaging schema at version {} ({} migrations applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
