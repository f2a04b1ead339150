package io.taskstream.web.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Turns Java property paths ({@code dueAt}, {@code tags[2]}) into the API's JSON names. */
final class FieldPaths {

    private FieldPaths() {
    }

    static String toJson(String javaPath) {
        return Arrays.stream(javaPath.split("\\."))
                .map(FieldPaths::snakeCase)
                .collect(Collectors.joining("."));
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
