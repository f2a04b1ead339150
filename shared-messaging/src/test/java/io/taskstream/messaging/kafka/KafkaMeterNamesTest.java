package io.taskstream.messaging.kafka;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaMeterNamesTest {

    private static Meter.Id id(String name, String... tags) {
        return new Meter.Id(name, Tags.of(tags), null, null, Meter.Type.COUNTER);
    }

    @Test
    void perBrokerKafkaMetersMoveUnderNode() {
        Meter.Id perBroker = id("kafka.consumer.request-total", "client-id", "c1", "node-id", "node--1");

        Meter.Id renamed = KafkaMeterNames.renamed(perBroker);

        assertThat(renamed.getName()).isEqualTo("kafka.consumer.node.request-total");
        assertThat(renamed.getTags()).isEqualTo(perBroker.getTags());
    }

    @Test
    void perTopicAndPerPartitionMetersMoveUnderTheirLevel() {
        Meter.Id perTopic = id("kafka.producer.record-send-total", "client-id", "p", "topic", "t");
        Meter.Id perPartition = id("kafka.consumer.records-lag-max", "client-id", "c", "topic", "t", "partition", "0");

        assertThat(KafkaMeterNames.renamed(perTopic).getName()).isEqualTo("kafka.producer.topic.record-send-total");
        assertThat(KafkaMeterNames.renamed(perPartition).getName()).isEqualTo("kafka.consumer.partition.records-lag-max");
    }

    @Test
    void clientTotalsAndOtherMetersKeepTheirNames() {
        Meter.Id total = id("kafka.consumer.request-total", "client-id", "c1");
        Meter.Id other = id("http.server.requests", "node-id", "n");
        Meter.Id already = id("kafka.producer.node.request-total", "node-id", "node-1");

        assertThat(KafkaMeterNames.renamed(total)).isSameAs(total);
        assertThat(KafkaMeterNames.renamed(other)).isSameAs(other);
        assertThat(KafkaMeterNames.renamed(already)).isSameAs(already);
    }
}
