package io.taskstream.localstack.launcher;

import io.taskstream.events.Topics;
import io.taskstream.localstack.infra.EmbeddedKafka;
import io.taskstream.localstack.infra.EmbeddedPostgresServer;
import io.taskstream.localstack.infra.LocalOutbox;
import io.taskstream.localstack.infra.Ports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * What the services of a {@link LocalStack} run against: PostgreSQL and Kafka (embedded, or external ones
 * the configuration names), the topics, and the local SMTP/SMS outbox. Each can be stopped and started again
 * for fault tests. {@link #close()} may run on another thread while a component starts (Ctrl-C during the start):
 * the component is then stopped as soon as it is up, since embedded PostgreSQL would outlive this JVM.
 */
final class StackInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StackInfrastructure.class);

    private final LocalStackConfig config;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private LocalOutbox outbox;
    private boolean closed;

    StackInfrastructure(LocalStackConfig config) {
        this.config = config;
    }

    /** Checked before {@code --fresh} wipes anything: a port in use may be our own PostgreSQL. */
    void requirePortsFree(boolean withOutbox) {
        if (config.externalDbUrl() == null) {
            Ports.requireFree(config.postgresPort(), "PostgreSQL", "POSTGRES_PORT");
        }
        if (config.externalKafka() == null) {
            Ports.requireFree(config.kafkaPort(), "Kafka broker", "KAFKA_PORT");
            Ports.requireFree(config.controllerPort(), "Kafka KRaft controller", "KAFKA_CONTROLLER_PORT");
        }
        if (withOutbox) {
            Ports.requireFree(config.smtpPort(), "local SMTP server", "SMTP_PORT");
            Ports.requireFree(config.smsPort(), "local SMS gateway", "SMS_GATEWAY_PORT");
        }
    }

    /** @return the JDBC URL of the server's {@code postgres} database (services get their own databases in it) */
    String startOrConnectPostgres() {
        if (config.externalDbUrl() != null) {
            LOG.info("using external PostgreSQL at {}", config.externalDbUrl());
            return config.externalDbUrl();
        }
        return startPostgres();
    }

    /** @return the bootstrap servers, with every topic and its dead-letter topic created */
    String startOrConnectKafka() {
        String bootstrap = config.externalKafka();
        if (bootstrap == null) {
            EmbeddedKafka started = startKafka();
            bootstrap = started.bootstrapServers();
        } else {
            LOG.info("using external Kafka at {}", bootstrap);
        }
        EmbeddedKafka.createTopics(bootstrap, Topics.allWithDeadLetters(), config.partitions());
        LOG.info("topics ready: {}", Topics.allWithDeadLetters());
        return bootstrap;
    }

    void startOutbox(Path log) {
        synchronized (this) {
            requireOpen();
        }
        LocalOutbox started = LocalOutbox.start(config.smtpPort(), config.smsPort(), log);
        synchronized (this) {
            keepOrClose(started);
            outbox = started;
        }
    }

    synchronized boolean hasOutbox() {
        return outbox != null;
    }

    /** Stops the embedded broker, as the loss of the only broker looks to the services. */
    synchronized void stopKafka() {
        if (kafka == null) {
            throw new IllegalStateException("no embedded Kafka broker is running in this stack (external: "
                    + (config.externalKafka() != null) + ")");
        }
        kafka.close();
        kafka = null;
    }

    /** Starts the embedded broker (again, after {@link #stopKafka()}: same port, same data). */
    EmbeddedKafka startKafka() {
        synchronized (this) {
            requireOpen();
            if (kafka != null || config.externalKafka() != null) {
                throw new IllegalStateException("the embedded Kafka broker is already running or Kafka is external");
            }
        }
        EmbeddedKafka started = EmbeddedKafka.start(config.dataDir().resolve("kafka"), config.kafkaPort(),
                config.controllerPort(), config.partitions());
        synchronized (this) {
            keepOrClose(started);
            kafka = started;
        }
        return started;
    }

    /** Stops the embedded PostgreSQL server (fast shutdown: open connections are cut). */
    synchronized void stopPostgres() {
        if (postgres == null) {
            throw new IllegalStateException("no embedded PostgreSQL is running in this stack (external: "
                    + (config.externalDbUrl() != null) + ")");
        }
        postgres.close();
        postgres = null;
    }

    /** Starts the embedded PostgreSQL server (again, after {@link #stopPostgres()}, with its data). */
    String startPostgres() {
        synchronized (this) {
            requireOpen();
            if (postgres != null || config.externalDbUrl() != null) {
                throw new IllegalStateException("the embedded PostgreSQL is already running or PostgreSQL is external");
            }
        }
        EmbeddedPostgresServer started = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"),
                config.postgresPort(), true);
        synchronized (this) {
            keepOrClose(started);
            postgres = started;
        }
        return started.jdbcUrl("postgres");
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the stack was stopped while starting");
        }
    }

    /** A component that finished starting after {@link #close()} ran is stopped at once: close() could not see it. */
    private void keepOrClose(AutoCloseable started) {
        if (closed) {
            try {
                started.close();
            } catch (Exception e) {
                LOG.warn("could not stop {} after the stack was stopped during its start", started, e);
            }
            throw new IllegalStateException("the stack was stopped while starting");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (outbox != null) {
            outbox.close();
            outbox = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
