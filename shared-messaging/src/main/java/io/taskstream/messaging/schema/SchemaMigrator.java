package io.taskstream.messaging.schema;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Migrates the default datasource's database as soon as its pool exists, before any bean can use it:
 * the service's own tables ({@code db/migration} into the connection's schema, {@code public}) when
 * {@code taskstream.schema.enabled}, then shared-messaging's ({@code db/messaging} into the
 * {@value #MESSAGING_SCHEMA} schema, with its own history, so neither set of {@code V<n>} numbers can
 * collide with or block the other) unless {@code taskstream.messaging.schema.enabled} is false.
 */
@Singleton
public class SchemaMigrator implements BeanCreatedEventListener<DataSource> {

    public static final String MESSAGING_SCHEMA = "messaging";
    static final String SERVICE_LOCATION = "classpath:db/migration";
    static final String MESSAGING_LOCATION = "classpath:db/messaging";

    private final DataSourceResolver resolver;
    private final boolean serviceSchema;
    private final boolean messagingSchema;

    SchemaMigrator(@Nullable DataSourceResolver resolver,
                   @Value("${taskstream.schema.enabled:false}") boolean serviceSchema,
                   @Value("${taskstream.messaging.schema.enabled:true}") boolean messagingSchema) {
        this.resolver = resolver;
        this.serviceSchema = serviceSchema;
        this.messagingSchema = messagingSchema;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource dataSource = event.getBean();
        String name = event.getBeanDefinition() instanceof NameResolver named
                ? named.resolveName().orElse("default") : "default";
        if (!"default".equals(name)) {
            return dataSource;
        }
        DataSource target = resolver != null ? resolver.resolve(dataSource) : dataSource;
        ClassLoader loader = getClass().getClassLoader();
        if (serviceSchema) {
            SchemaMigration.apply(target, loader, SERVICE_LOCATION, null);
        }
        if (messagingSchema) {
            SchemaMigration.apply(target, loader, MESSAGING_LOCATION, MESSAGING_SCHEMA);
        }
        return dataSource;
    }
}
