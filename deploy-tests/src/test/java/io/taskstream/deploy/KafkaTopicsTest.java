package io.taskstream.deploy;

import io.taskstream.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The KafkaTopic resources are exactly the topics of shared-events {@link Topics}, sized to fit the cluster. */
class KafkaTopicsTest {

    static String topicName(Map<String, Object> kafkaTopic) {
        String name = Y.str(kafkaTopic, "spec", "topicName");
        return name != null ? name : Y.name(kafkaTopic);
    }

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#overlays")
    void kafkaTopicsAreExactlyTopicsAndTheirDeadLetterTopics(String overlay) {
        assertThat(RenderedManifests.overlay(overlay).ofKind("KafkaTopic").stream().map(KafkaTopicsTest::topicName))
                .as(overlay + ": KafkaTopics vs Topics.allWithDeadLetters()")
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(Topics.allWithDeadLetters());
    }

    @Test
    void everyTopicConstantIsInTopicsAll() throws IllegalAccessException {
        for (Field field : Topics.class.getFields()) {
            boolean constant = Modifier.isStatic(field.getModifiers()) && field.getType() == String.class;
            if (constant && !field.getName().endsWith("_SUFFIX") && !field.getName().endsWith("_PREFIX")) {
                assertThat(Topics.ALL).as("Topics." + field.getName() + " is listed in Topics.ALL").contains((String) field.get(null));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.taskstream.deploy.Repo#overlays")
    void topicsHavePartitionsRetentionAndReplicasTheClusterCanHold(String overlay) {
        var rendered = RenderedManifests.overlay(overlay);
        Map<String, Object> kafka = rendered.ofKind("Kafka").get(0);
        int brokers = rendered.ofKind("KafkaNodePool").stream().filter(p -> Y.list(p, "spec", "roles").contains("broker"))
                .mapToInt(p -> Integer.parseInt(Y.str(p, "spec", "replicas"))).sum();
        int minIsr = Integer.parseInt(Y.str(kafka, "spec", "kafka", "config", "min.insync.replicas"));
        Map<String, Long> retention = rendered.ofKind("KafkaTopic").stream().collect(Collectors.toMap(
                KafkaTopicsTest::topicName, t -> Long.parseLong(Y.str(t, "spec", "config", "retention.ms"))));
        for (Map<String, Object> topic : rendered.ofKind("KafkaTopic")) {
            String name = topicName(topic);
            int replicas = Integer.parseInt(Y.str(topic, "spec", "replicas"));
            assertThat(Y.str(topic, "metadata", "labels", "strimzi.io/cluster")).isEqualTo(Y.name(kafka));
            assertThat(Integer.parseInt(Y.str(topic, "spec", "partitions"))).as(name + " partitions").isPositive();
            assertThat(replicas).as(overlay + ": " + name + " replicas <= " + brokers + " brokers").isBetween(1, brokers);
            assertThat(minIsr).as(overlay + ": min.insync.replicas <= replicas of " + name + " (acks=all producers)")
                    .isLessThanOrEqualTo(replicas);
            if (name.endsWith(Topics.DLQ_SUFFIX)) {
                String source = name.substring(0, name.length() - Topics.DLQ_SUFFIX.length());
                assertThat(retention.get(name)).as(name + " is kept at least as long as " + source)
                        .isGreaterThanOrEqualTo(retention.get(source));
                assertThat(Y.str(topic, "spec", "config", "max.message.bytes"))
                        .as(name + " takes a record at " + source + "'s size limit plus the dlq.* headers")
                        .isEqualTo(Integer.toString(Topics.DEAD_LETTER_MAX_MESSAGE_BYTES));
            }
        }
    }

    /** Group consumers gain nothing from more replicas than partitions: HPA maxReplicas <= the smallest topic it reads. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.taskstream.deploy.Repo#overlayServices")
    void autoscalingStaysWithinThePartitionsAGroupConsumes(String overlay, String service) {
        var rendered = RenderedManifests.overlay(overlay);
        var acls = KafkaAccess.of(service);
        if (acls.stream().noneMatch(a -> a.type().equals("group") && a.operation().equals("Read") && a.pattern().equals("literal"))) {
            return; // no shared group (websocket-service reads in one group per replica)
        }
        int max = Integer.parseInt(Y.str(rendered.get("HorizontalPodAutoscaler", service), "spec", "maxReplicas"));
        acls.stream().filter(a -> a.type().equals("topic") && a.operation().equals("Read") && !a.name().endsWith(Topics.DLQ_SUFFIX))
                .forEach(a -> {
                    var topic = rendered.ofKind("KafkaTopic").stream().filter(t -> topicName(t).equals(a.name())).findFirst()
                            .orElseThrow(() -> new AssertionError(service + " reads " + a.name() + ", which has no KafkaTopic"));
                    assertThat(max).as(overlay + ": " + service + " maxReplicas <= partitions of " + a.name())
                            .isLessThanOrEqualTo(Integer.parseInt(Y.str(topic, "spec", "partitions")));
                });
    }
}
