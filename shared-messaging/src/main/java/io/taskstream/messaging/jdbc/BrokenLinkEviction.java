package io.taskstream.messaging.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * When one pooled connection's link breaks (no answer within the socket timeout, a reset, the server
 * shutting down), the pool's other connections almost always went with it: the primary's host is
 * gone after a failover, or PostgreSQL restarted. Hikari drops only the connection that failed, so
 * each of the others would be found dead by a later borrower, after a validation timeout, one
 * failed request or consumer retry at a time. This installs {@link PoolEvictionOnBrokenLink} on every
 * datasource, which evicts them all at the first sign: idle ones are closed now, ones in use when
 * they are returned, and the next borrowers open fresh connections.
 */
@Singleton
class BrokenLinkEviction implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(BrokenLinkEviction.class);

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (config.getExceptionOverride() != null || config.getExceptionOverrideClassName() != null) {
            LOG.warn("datasource {} has its own Hikari exception override; its pool is not evicted on a broken link", config.getName());
            return config;
        }
        config.setExceptionOverride(new PoolEvictionOnBrokenLink(config.getName(), System::nanoTime));
        return config;
    }

    /** Gives each override its pool once the pool runs (the configuration exists before it). */
    @Singleton
    static final class PoolAttachment implements BeanCreatedEventListener<DataSource> {

        @Override
        public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
            DataSource dataSource = event.getBean();
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
                    if (hikari.getExceptionOverride() instanceof PoolEvictionOnBrokenLink eviction) {
                        eviction.attach(() -> hikari.isClosed() ? null : hikari.getHikariPoolMXBean());
                    }
                }
            } catch (SQLException e) {
                LOG.warn("could not reach the pool behind a datasource: {}", e.toString());
            }
            return dataSource;
        }
    }
}
