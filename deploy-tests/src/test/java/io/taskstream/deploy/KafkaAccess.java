package io.taskstream.deploy;

import io.taskstream.events.Topics;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka ACLs a service needs, derived from its main code and {@link ServiceConfig}:
 * <ol>
 * <li>a {@code @KafkaListener} class reads the topics of its {@code @Topic} (placeholders resolved in the
 *     service's config) in its {@code groupId} (a literal, a constant of the class, or the application
 *     name); {@code uniqueGroupId = true} makes the group a prefix (micronaut-kafka appends _&lt;uuid&gt;);</li>
 * <li>if that class hands records to shared-messaging's IdempotentConsumer, IdempotentBatchConsumer or
 *     DeadLetterPublisher, it writes {@code Topics.deadLetterOf(topic)};</li>
 * <li>a class using {@code OutboxWriter} writes (via the relay) every topic it names; a {@code @KafkaClient} its {@code @Topic};</li>
 * <li>a class that builds its own {@code KafkaConsumer} (assign + seek, no group) reads every topic it names;</li>
 * <li>{@code taskstream.dlq.sources} (shared-messaging's /admin/dlq): reads each source's DLQ, writes the source (re-drive);</li>
 * <li>shared-messaging's ConsumerHealthIndicator describes the service's group ({@code taskstream.consumer.group},
 *     else the application name) unless {@code taskstream.consumer.health.enabled=false};</li>
 * <li>micronaut-kafka's health indicator reads broker configs (DescribeConfigs on the cluster) unless kafka.health.enabled=false.</li>
 * </ol>
 * A topic named (by {@code ${taskstream.topics.*}} or a {@code Topics} constant) in any other kind of class fails
 * the derivation, so a new way of using Kafka cannot slip past it. Read and Write imply Describe in Kafka.
 */
final class KafkaAccess {

    record Acl(String type, String name, String pattern, String operation) {
        static Set<Acl> sortedSet() {
            return new TreeSet<>(java.util.Comparator.comparing(Acl::toString));
        }
    }

    private static final Pattern TOPIC_MENTION = Pattern.compile("\\$\\{(taskstream\\.topics\\.[a-z0-9.\\-]+)}|\\bTopics\\.([A-Z_]+)\\b");
    private static final Pattern GROUP_ID = Pattern.compile("groupId\\s*=\\s*(?:\"([^\"]*)\"|([A-Za-z_][\\w.]*))");
    private static final Set<String> DEAD_LETTERING = Set.of("IdempotentConsumer", "IdempotentBatchConsumer", "DeadLetterPublisher");

    private KafkaAccess() {
    }

    static Set<Acl> of(String service) {
        ServiceConfig config = ServiceConfig.of(service);
        Set<Acl> acls = Acl.sortedSet();
        for (Path file : Repo.files(Repo.ROOT.resolve(service).resolve("src/main/java"), ".java")) {
            String code = Repo.read(file);
            Set<String> named = mentionedTopics(code, config);
            if (code.contains("@KafkaListener")) {
                String listener = JavaSource.annotations(code, "@KafkaListener").get(0);
                String group = groupId(listener, code, config);
                String pattern = listener.matches("(?s).*uniqueGroupId\\s*=\\s*true.*") ? "prefix" : "literal";
                acls.add(new Acl("group", group, pattern, "Read"));
                for (String topic : topicsOf(code, config)) {
                    acls.add(topic(topic, "Read"));
                    if (DEAD_LETTERING.stream().anyMatch(code::contains)) {
                        acls.add(topic(Topics.deadLetterOf(topic), "Write"));
                    }
                }
            } else if (code.contains("OutboxWriter")) {
                named.forEach(t -> acls.add(topic(t, "Write")));
            } else if (code.contains("@KafkaClient")) {
                topicsOf(code, config).forEach(t -> acls.add(topic(t, "Write")));
            } else if (code.contains("new KafkaConsumer")) {
                named.forEach(t -> acls.add(topic(t, "Read")));
            } else if (!named.isEmpty()) {
                throw new AssertionError(file + " names topics " + named + " but is no listener, outbox writer, "
                        + "Kafka client or raw consumer: teach KafkaAccess how it uses them");
            }
        }
        for (String source : config.list("taskstream.dlq.sources")) {
            String topic = resolveTopic(Topics.property(source), source, config);
            acls.add(topic(Topics.deadLetterOf(topic), "Read"));
            acls.add(topic(topic, "Write"));
        }
        if (!config.isFalse("taskstream.consumer.health.enabled")) {
            String group = config.value("taskstream.consumer.group");
            String own = group == null || group.isBlank() ? config.value("micronaut.application.name") : group;
            boolean read = acls.stream().anyMatch(a -> a.type().equals("group") && a.operation().equals("Read")
                    && (a.pattern().equals("prefix") ? own.startsWith(a.name()) : own.equals(a.name())));
            if (!read) {
                acls.add(new Acl("group", own, "literal", "Describe"));
            }
        }
        if (!config.isFalse("kafka.health.enabled")) {
            acls.add(new Acl("cluster", "kafka-cluster", "literal", "DescribeConfigs"));
        }
        return acls;
    }

    private static Acl topic(String name, String operation) {
        return new Acl("topic", name, "literal", operation);
    }

    private static Set<String> mentionedTopics(String code, ServiceConfig config) {
        Set<String> topics = new TreeSet<>();
        Matcher m = TOPIC_MENTION.matcher(code);
        while (m.find()) {
            java.util.Optional.ofNullable(m.group(1) != null ? resolveTopic(m.group(1), null, config) : constant(m.group(2)))
                    .ifPresent(topics::add);
        }
        return topics;
    }

    private static String resolveTopic(String property, String fallback, ServiceConfig config) {
        String value = config.value(property);
        if (value == null && fallback == null) {
            throw new AssertionError(config.service + " uses ${" + property + "} but its application.yml does not set it");
        }
        return value != null ? value : fallback;
    }

    /** A Topics constant naming a topic, or null for the other constants (DLQ_SUFFIX, PROPERTY_PREFIX, ALL). */
    private static String constant(String field) {
        try {
            Object value = Topics.class.getField(field).get(null);
            return value instanceof String s && Topics.ALL.contains(s) ? s : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The topics of every {@code @Topic(...)} in the class, placeholders resolved. */
    private static Set<String> topicsOf(String code, ServiceConfig config) {
        Set<String> topics = new TreeSet<>();
        for (String annotation : JavaSource.annotations(code, "@Topic")) {
            for (String literal : JavaSource.stringLiterals(annotation)) {
                topics.add(literal.startsWith("${") ? resolveTopic(literal.substring(2, literal.length() - 1), null, config) : literal);
            }
        }
        return topics;
    }

    private static String groupId(String listener, String code, ServiceConfig config) {
        Matcher m = GROUP_ID.matcher(listener);
        if (!m.find()) {
            return config.value("micronaut.application.name");
        }
        if (m.group(1) != null) {
            return m.group(1);
        }
        String group = JavaSource.constant(code, m.group(2).substring(m.group(2).lastIndexOf('.') + 1));
        if (group == null) {
            throw new AssertionError("cannot resolve groupId " + m.group(2) + " of " + config.service);
        }
        return group;
    }
}
