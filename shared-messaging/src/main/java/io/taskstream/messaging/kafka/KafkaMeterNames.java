package io.taskstream.messaging.kafka;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Kafka clients report many metrics under one name at several levels: a client total tagged
 * {@code client-id}, and breakdowns per broker ({@code node-id}), per topic ({@code topic}) and per
 * partition ({@code topic, partition}). Prometheus cannot hold one name with two tag-key sets, so the
 * registry refused every breakdown and logged a WARN at every start (micronaut-kafka #1225). Each
 * breakdown moves to {@code kafka.<client>.<node|topic|partition>.<metric>}, e.g.
 * {@code kafka_consumer_partition_records_lag_max{topic=..,partition=..}}; the totals keep their names.
 */
@Factory
public class KafkaMeterNames {

    @Singleton
    MeterFilter kafkaBreakdownNames() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return renamed(id);
            }
        };
    }

    static Meter.Id renamed(Meter.Id id) {
        String name = id.getName();
        String level = level(id);
        int clientEnd = name.indexOf('.', "kafka.".length());
        if (!name.startsWith("kafka.") || level == null || clientEnd < 0
                || name.startsWith("." + level + ".", clientEnd)) {
            return id;
        }
        return id.withName(name.substring(0, clientEnd) + "." + level + name.substring(clientEnd));
    }

    private static String level(Meter.Id id) {
        if (id.getTag("partition") != null) {
            return "partition";
        }
        if (id.getTag("topic") != null) {
            return "topic";
        }
        return id.getTag("node-id") != null ? "node" : null;
    }
}
