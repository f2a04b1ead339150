package io.taskstream.api.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.taskstream.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * An If-Match precondition: the task versions it names. If-Match compares strongly (RFC 9110 13.1.1),
 * so a weak tag such as {@code W/"3"} names no version: a list of weak tags only can never match.
 */
public record IfMatch(List<Long> versions, String header) {

    /** {@code "3"}, {@code 3} or a list such as {@code "3", "4"}; {@code *} or absent → no precondition. */
    static @Nullable IfMatch parse(@Nullable String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return null;
        }
        List<Long> versions = new ArrayList<>();
        for (String tag : header.split(",")) {
            String value = tag.strip();
            boolean weak = value.startsWith("W/");
            Long version = version(weak ? value.substring(2) : value);
            if (version == null) {
                throw new ProblemException(HttpStatus.BAD_REQUEST,
                        "If-Match must be the task's ETag, such as \"3\" (or a comma-separated list of them); was " + header);
            }
            if (!weak) {
                versions.add(version);
            }
        }
        return new IfMatch(List.copyOf(versions), header.strip());
    }

    boolean matches(long version) {
        return versions.contains(version);
    }

    /** Why the precondition failed for a task at {@code version}. */
    String mismatch(Object taskId, long version) {
        String named = versions.isEmpty()
                ? "If-Match " + header + " names only weak ETags, which never match"
                : "not " + (versions.size() == 1 ? versions.get(0) : "any of " + versions);
        return "task " + taskId + " is at version " + version + " (ETag \"" + version + "\"), " + named + "; reload it and retry";
    }

    private static @Nullable Long version(String tag) {
        String digits = tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"") ? tag.substring(1, tag.length() - 1) : tag;
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(digits);
    }
}
