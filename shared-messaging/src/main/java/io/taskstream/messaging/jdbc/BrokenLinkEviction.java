package io.taskstream.messaging.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.inject.qualifiers.Qualifiers;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Set;

/**
 * When one pooled connection's link breaks (no answer within the socket timeout, a reset, the server
 * shutting down), the pool's other connections almost always went with it: the primary's host is
 * gone after a failover, or PostgreSQL restarted. Hikari drops only the connection that failed, so
 * each of the others would be found dead by a later borrower, after a validation timeout, one
 * failed request or consumer retry at a time. This evicts them all at the first sign: idle ones are
 * closed now, ones in use when they are returned, and the next borrowers open fresh connections.
 */
@Singleton
class BrokenLinkEviction implements BeanCreatedEventListener<DatasourceConfiguration> {

    /** Besides class 08 (connection exception): admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");
    private static final Logger LOG = LoggerFactory.getLogger(BrokenLinkEviction.class);

    private final BeanLocator beans;

    BrokenLinkEviction(BeanLocator beans) {
        this.beans = beans;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        config.setExceptionOverride(new EvictPoolOnBrokenLink(config.getName()));
        return config;
    }

    static boolean isBrokenLink(SQLException failure) {
        String state = failure.getSQLState();
        return state != null && (state.startsWith("08") || SERVER_GONE.contains(state));
    }

    /** Hikari asks this about every SQLException a pooled connection throws; it keeps Hikari's verdict. */
    private final class EvictPoolOnBrokenLink implements SQLExceptionOverride {

        private final String dataSourceName;

        EvictPoolOnBrokenLink(String dataSourceName) {
            this.dataSourceName = dataSourceName;
        }

        @java.lang.Override // SQLExceptionOverride's own Override enum shadows the annotation in here
        public SQLExceptionOverride.Override adjudicate(SQLException failure) {
            if (isBrokenLink(failure)) {
                try {
                    DataSource dataSource = beans.getBean(DataSource.class, Qualifiers.byName(dataSourceName));
                    var pool = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
                    LOG.warn("a connection to PostgreSQL broke (SQLSTATE {}: {}); evicting the other {} connections of pool {} "
                                    + "so the next ones are opened fresh", failure.getSQLState(), failure.getMessage(),
                            pool.getTotalConnections() - 1, dataSourceName);
                    pool.softEvictConnections();
                } catch (Exception e) {
                    LOG.warn("could not evict the connections of pool {} after a broken link: {}", dataSourceName, e.toString());
                }
            }
            return SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }
}
