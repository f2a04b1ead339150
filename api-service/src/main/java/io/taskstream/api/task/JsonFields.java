package io.taskstream.api.task;

import io.micronaut.json.tree.JsonNode;

import java.time.format.DateTimeParseException;
import java.util.function.Function;

/** Reads one typed field of a JSON object; a wrong type or an unparseable value becomes a field error. */
final class JsonFields {

    private JsonFields() {
    }

    static String string(JsonNode body, String name, FieldErrors errors) {
        return string(body, name, errors, name);
    }

    /** {@code path} names the field in errors, e.g. {@code recurrence.rrule} for a nested one. */
    static String string(JsonNode body, String name, FieldErrors errors, String path) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.malformed(path, "must be a string");
            return null;
        }
        String problem = StorableValues.textProblem(node.getStringValue());
        if (problem != null) {
            errors.invalid(path, problem);
            return null;
        }
        return node.getStringValue();
    }

    static Integer integer(JsonNode body, String name, FieldErrors errors) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.getNumberValue().doubleValue() % 1 != 0) {
            errors.malformed(name, "must be a whole number");
            return null;
        }
        double value = node.getNumberValue().doubleValue();
        if (Math.abs(value) > Integer.MAX_VALUE) {
            // A whole number, only too big: the caller's range check names the range (422), not the type (400).
            return value > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }
        return node.getIntValue();
    }

    /** A string field parsed by {@code parse}; its exception message becomes the field's error. */
    static <T> T value(JsonNode body, String name, FieldErrors errors, Function<String, T> parse) {
        String text = string(body, name, errors);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.invalid(name, name.endsWith("_at") ? StorableValues.INSTANT_FORM
                    : e.getMessage() == null ? "invalid value '" + text + "'" : e.getMessage());
            return null;
        }
    }
}
