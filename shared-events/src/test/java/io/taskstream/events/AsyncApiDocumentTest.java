package io.taskstream.events;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.core.annotation.AnnotatedElement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.config.naming.PropertyNamingStrategy;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.EventDecodingException;
import io.taskstream.events.codec.EventType;
import io.taskstream.events.codec.EventTypeRegistry;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.EventHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.*;
import java.time.Instant;
import java.util.*;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps src/main/resources/asyncapi.yaml true to the code: topics, registry, payload records, golden fixtures. */
class AsyncApiDocumentTest {

    private static final String REF = "#/components/schemas/";
    private static final Map<String, Object> DOC = load();
    private static final Map<String, Object> CHANNELS = map(DOC.get("channels"));
    private static final Map<String, Object> MESSAGES = map(map(DOC.get("components")).get("messages"));
    private static final Map<String, Object> SCHEMAS = map(map(DOC.get("components")).get("schemas"));
    private static final Map<Class<?>, List<String>> JSON_TYPES = Map.of(String.class, List.of("string", ""),
            UUID.class, List.of("string", "uuid"), Instant.class, List.of("string", "date-time"),
            Integer.class, List.of("integer", "int32"), int.class, List.of("integer", "int32"),
            Long.class, List.of("integer", "int64"), long.class, List.of("integer", "int64"),
            Boolean.class, List.of("boolean", ""), boolean.class, List.of("boolean", ""));

    @Test
    void channelsAreEveryTopicAndItsDeadLetterTopic() {
        assertThat(CHANNELS.keySet()).as("asyncapi.yaml channels must be Topics.allWithDeadLetters()")
                .containsExactlyInAnyOrderElementsOf(Topics.allWithDeadLetters());
        CHANNELS.forEach((name, channel) -> assertThat(map(map(map(channel).get("bindings")).get("kafka")).get("topic"))
                .as("asyncapi.yaml channel %s: bindings.kafka.topic must be its name", name).isEqualTo(name));
        for (String topic : Topics.ALL) {
            String dlq = Topics.deadLetterOf(topic);
            assertThat(messagesOn(dlq)).as("asyncapi.yaml channel %s needs one message with the dlq.* headers", dlq)
                    .singleElement().satisfies(m -> assertThat(props(resolve(map(m.get("headers"))))).isNotEmpty());
            Set<Object> keys = new HashSet<>();
            Stream.concat(messagesOn(topic).stream(), messagesOn(dlq).stream())
                    .forEach(m -> keys.add(map(map(m.get("bindings")).get("kafka")).get("key")));
            assertThat(keys).as("asyncapi.yaml: messages on %s and %s need one and the same bindings.kafka.key", topic, dlq)
                    .singleElement().satisfies(key -> assertThat(resolve(map(key)).get("type")).isEqualTo("string"));
        }
    }

    @Test
    void everyRegisteredEventIsAMessageOnItsTopicOnly() {
        Map<String, EventType> expected = new TreeMap<>();
        EventTypeRegistry.STANDARD.all().forEach(t -> expected.put(t.name() + ".v" + t.version(), t));
        assertThat(MESSAGES.keySet()).as("asyncapi.yaml components.messages must be exactly the registered (type, version)s")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, type) -> {
            Map<String, Object> message = map(MESSAGES.get(name));
            assertThat(message.get("name")).as("asyncapi.yaml message %s: name", name).isEqualTo(name);
            List<String> topics = CHANNELS.keySet().stream().filter(c -> messagesOn(c).contains(message)).toList();
            assertThat(topics).as("asyncapi.yaml must list message %s under channel %s only", name, type.topic())
                    .containsExactly(type.topic());
            Map<String, Object> overrides = map(map(list(map(message.get("payload")).get("allOf")).get(1)).get("properties"));
            assertThat(map(overrides.get("data")).get("$ref")).as("asyncapi.yaml message %s: data must reference", name)
                    .isEqualTo(REF + type.payloadType().getSimpleName());
            assertThat(map(overrides.get("event_type")).get("const")).as("message %s event_type", name).isEqualTo(type.name());
            assertThat(map(overrides.get("schema_version")).get("const")).as("message %s schema_version", name).isEqualTo(type.version());
            assertThat(props(resolve(map(message.get("headers"))))).as("asyncapi.yaml message %s headers", name)
                    .contains(EventHeaders.EVENT_ID, EventHeaders.EVENT_TYPE, EventHeaders.AGGREGATE_VERSION);
        });
    }

    static Stream<Class<?>> records() {
        Set<Class<?>> found = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(EventTypeRegistry.STANDARD.all().stream().map(EventType::payloadType).toList());
        while (!todo.isEmpty()) {
            Class<?> record = todo.pop();
            if (found.add(record)) {
                for (RecordComponent c : record.getRecordComponents()) {
                    Type t = c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : c.getType();
                    if (t instanceof Class<?> k && k.isRecord()) todo.add(k);
                }
            }
        }
        return found.stream();
    }

    @ParameterizedTest(name = "schema {0}")
    @MethodSource("records")
    void schemaMatchesRecord(Class<?> record) {
        String name = record.getSimpleName();
        assertThat(SCHEMAS).as("asyncapi.yaml lacks schema %s (components.schemas)", name).containsKey(name);
        Map<String, Object> schema = map(SCHEMAS.get(name));
        Map<String, Object> properties = map(schema.get("properties"));
        List<String> required = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            String json = snake(c.getName());
            boolean nullable = c.getAccessor().isAnnotationPresent(Nullable.class);
            if (!nullable) required.add(json);
            assertThat(properties).as("asyncapi.yaml lacks property %s of schema %s", json, name).containsKey(json);
            Map<String, Object> property = map(properties.get(json));
            assertThat(allowsNull(property)).as("asyncapi.yaml %s.%s: allows null iff @Nullable (%s)", name, json, nullable)
                    .isEqualTo(nullable);
            assertType(name + "." + json, c.getGenericType(), nonNull(property));
        }
        assertThat(properties.keySet()).as("asyncapi.yaml schema %s has properties that %s lacks; remove them", name, record.getName())
                .isSubsetOf(Stream.of(record.getRecordComponents()).map(c -> snake(c.getName())).toList());
        assertThat(list(schema.getOrDefault("required", List.of()))).as("asyncapi.yaml schema %s: required must be the non-@Nullable components", name)
                .containsExactlyInAnyOrderElementsOf(required);
        assertThat(schema.get("additionalProperties")).as("asyncapi.yaml schema %s: additionalProperties", name).isEqualTo(true);
    }

    @Test
    void envelopeSchemaMatchesEventEnvelopeAndWhatTheCodecRequires() throws IOException {
        Map<String, Object> envelope = map(SCHEMAS.get("Envelope"));
        assertThat(props(envelope)).as("asyncapi.yaml schema Envelope: properties must be EventEnvelope's components")
                .containsExactlyInAnyOrderElementsOf(Stream.of(EventEnvelope.class.getRecordComponents()).map(c -> snake(c.getName())).toList());
        Map<String, Object> fixture = ObjectMapper.getDefault().readValue(GoldenFixtures.all().get(0).json(), Map.class);
        List<String> requiredByCodec = props(envelope).stream().filter(field -> {
            Map<String, Object> json = new LinkedHashMap<>(fixture);
            json.remove(field);
            try {
                EventCodec.standalone().decode(ObjectMapper.getDefault().writeValueAsBytes(json));
                return false;
            } catch (EventDecodingException | IOException e) {
                return true;
            }
        }).toList();
        assertThat(list(envelope.get("required"))).as("asyncapi.yaml schema Envelope: required must be what EventCodec.decode rejects when absent")
                .containsExactlyInAnyOrderElementsOf(requiredByCodec);
    }

    static List<GoldenFixtures.Fixture> fixtures() {
        return GoldenFixtures.all();
    }

    @ParameterizedTest(name = "fixture {0}")
    @MethodSource("fixtures")
    void goldenFixtureFitsTheSchemas(GoldenFixtures.Fixture fixture) throws IOException {
        Map<String, Object> json = ObjectMapper.getDefault().readValue(fixture.json(), Map.class);
        assertThat(json.keySet()).as("%s: top-level keys must be exactly asyncapi.yaml's Envelope properties", fixture.path())
                .containsExactlyInAnyOrderElementsOf(props(map(SCHEMAS.get("Envelope"))));
        String payload = EventTypeRegistry.STANDARD.byName(fixture.eventType()).payloadType().getSimpleName();
        checkKeys(fixture.path() + " data", json.get("data"), map(Map.of("$ref", REF + payload)));
    }

    private static void checkKeys(String where, Object value, Map<String, Object> schema) {
        Map<String, Object> s = resolve(nonNull(schema));
        if (value instanceof List<?> items) items.forEach(item -> checkKeys(where + "[]", item, map(s.get("items"))));
        if (!(value instanceof Map<?, ?> object)) return;
        String name = String.valueOf(schema.getOrDefault("$ref", where)).replace(REF, "");
        assertThat(List.<Object>copyOf(object.keySet())).as("%s lacks required properties of schema %s", where, name)
                .containsAll(list(s.getOrDefault("required", List.of())));
        object.forEach((key, child) -> {
            assertThat(props(s)).as("asyncapi.yaml lacks property %s of schema %s (present in %s)", key, name, where).contains((String) key);
            Map<String, Object> property = map(map(s.get("properties")).get(key));
            assertThat(child != null || allowsNull(property)).as("%s.%s is null but schema %s does not allow null", where, key, name).isTrue();
            checkKeys(where + "." + key, child, property);
        });
    }

    private static void assertType(String where, Type type, Map<String, Object> s) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            assertThat(typeOf(s)).as("asyncapi.yaml %s: type must be array", where).isEqualTo("array");
            assertType(where + "[]", p.getActualTypeArguments()[0], map(s.get("items")));
        } else if (type instanceof Class<?> c && c.isRecord()) {
            assertThat(s.get("$ref")).as("asyncapi.yaml %s: must reference", where).isEqualTo(REF + c.getSimpleName());
        } else if (type instanceof Class<?> c && c.isEnum()) {
            Method wire = Stream.of(c.getMethods()).filter(m -> m.isAnnotationPresent(JsonValue.class)).findFirst().orElseThrow();
            List<Object> names = Stream.of(c.getEnumConstants()).map(e -> invoke(wire, e)).toList();
            assertThat(typeOf(s)).as("asyncapi.yaml %s: type", where).isEqualTo("string");
            assertThat(list(s.get("enum"))).as("asyncapi.yaml %s: enum must be %s's wire names", where, c.getSimpleName())
                    .containsExactlyElementsOf(names);
        } else {
            assertThat(JSON_TYPES.containsKey(type)).as("AsyncApiDocumentTest.JSON_TYPES lacks Java type %s (%s); add it", type, where).isTrue();
            assertThat(List.of(typeOf(s), String.valueOf(s.getOrDefault("format", ""))))
                    .as("asyncapi.yaml %s: [type, format] for Java %s", where, type).isEqualTo(JSON_TYPES.get(type));
        }
    }

    private static List<Map<String, Object>> messagesOn(String channel) {
        Map<String, Object> message = map(map(map(CHANNELS.get(channel)).get("subscribe")).get("message"));
        List<Object> all = message.containsKey("oneOf") ? list(message.get("oneOf")) : List.of(message);
        return all.stream().map(m -> map(m).containsKey("$ref")
                ? map(MESSAGES.get(((String) map(m).get("$ref")).replace("#/components/messages/", ""))) : map(m)).toList();
    }

    private static Map<String, Object> resolve(Map<String, Object> s) {
        return s.containsKey("$ref") ? map(SCHEMAS.get(((String) s.get("$ref")).replace(REF, ""))) : s;
    }

    private static boolean allowsNull(Map<String, Object> s) {
        return s.get("type") instanceof List<?> types ? types.contains("null")
                : list(s.getOrDefault("oneOf", List.of())).stream().anyMatch(b -> "null".equals(map(b).get("type")));
    }

    private static Map<String, Object> nonNull(Map<String, Object> s) {
        return s.containsKey("oneOf") ? list(s.get("oneOf")).stream().map(AsyncApiDocumentTest::map)
                .filter(b -> !"null".equals(b.get("type"))).findFirst().orElseThrow() : s;
    }

    private static String typeOf(Map<String, Object> s) {
        return s.get("type") instanceof List<?> types ? (String) types.stream().filter(t -> !"null".equals(t)).findFirst().orElse(null)
                : (String) s.get("type");
    }

    private static List<String> props(Map<String, Object> schema) {
        return List.copyOf(map(schema.getOrDefault("properties", Map.of())).keySet());
    }

    /** The JSON name micronaut-serde writes for a component of a {@code SnakeCaseStrategy} record. */
    private static String snake(String component) {
        return PropertyNamingStrategy.SNAKE_CASE.translate((AnnotatedElement) () -> component);
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).as("asyncapi.yaml: expected a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        assertThat(o).as("asyncapi.yaml: expected a list").isInstanceOf(List.class);
        return (List<Object>) o;
    }

    private static Map<String, Object> load() {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).as("shared-events/src/main/resources/asyncapi.yaml is missing").isNotNull();
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
