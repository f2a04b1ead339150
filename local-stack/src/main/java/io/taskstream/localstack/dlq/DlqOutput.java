package io.taskstream.localstack.dlq;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns the admin API's JSON into what a person at a terminal wants to read. */
final class DlqOutput {

    private DlqOutput() {
    }

    static String render(String action, String json) throws IOException {
        JsonNode node = ObjectMapper.getDefault().readValue(json.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        return switch (action) {
            case "list" -> table(node);
            case "overview" -> overview(node);
            case "redrive", "discard" -> node.get("id").getStringValue() + " " + node.get("status").getStringValue()
                    + " by " + node.get("resolution").get("resolved_by").getStringValue();
            default -> ObjectMapper.getDefault().writeValueAsString(node);
        };
    }

    static String problem(String body) {
        try {
            JsonNode node = ObjectMapper.getDefault().readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            StringBuilder text = new StringBuilder(text(node, "detail"));
            JsonNode errors = node.get("errors");
            if (errors != null && errors.isArray()) {
                errors.values().forEach(e -> text.append("\n  ").append(text(e, "field")).append(": ").append(text(e, "message")));
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }

    private static String table(JsonNode entries) {
        StringBuilder text = new StringBuilder(String.format("%-10s %-10s %-8s %-28s %-24s %s%n", "ID", "STATUS",
                "ATTEMPTS", "ORIGINAL", "LAST FAILURE", "EXCEPTION"));
        for (JsonNode e : entries.values()) {
            text.append(String.format("%-10s %-10s %-8s %-28s %-24s %s: %s%n", text(e, "id"), text(e, "status"),
                    text(e, "attempts"), text(e, "original_topic") + "-" + text(e, "original_partition") + "@"
                            + text(e, "original_offset"), text(e, "last_failure"), shortClass(text(e, "exception_class")),
                    text(e, "exception_message")));
        }
        text.append(entries.size()).append(entries.size() == 1 ? " dead letter" : " dead letters");
        return text.toString();
    }

    private static String overview(JsonNode node) {
        StringBuilder text = new StringBuilder("consumer group " + text(node, "consumer_group") + "\n");
        for (JsonNode s : node.get("sources").values()) {
            text.append(String.format("  %-24s %-28s pending %s, redriven %s, discarded %s%s%n", text(s, "source"),
                    text(s, "dlq_topic"), text(s, "pending"), text(s, "redriven"), text(s, "discarded"),
                    "false".equals(text(s, "complete")) ? " (counted up to taskstream.dlq.scan-limit records)" : ""));
        }
        return text.toString().stripTrailing();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return "-";
        }
        if (value.isNumber()) {
            return value.getNumberValue().toString();
        }
        if (value.isBoolean()) {
            return String.valueOf(value.getBooleanValue());
        }
        return value.isString() ? value.getStringValue() : value.toString();
    }

    private static String shortClass(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
