package io.taskstream.api.task;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.taskstream.events.task.TaskStatus;
import io.taskstream.web.problem.Problem.FieldError;
import io.taskstream.web.problem.ProblemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Parsing of the parts of a task request that are not its body fields: JSON, If-Match, list parameters. */
final class TaskRequests {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private TaskRequests() {
    }

    static JsonNode json(JsonMapper mapper, @Nullable String body) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "the request needs a JSON object body");
        }
        try {
            return mapper.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "the body is not valid JSON: " + syntaxError(e));
        }
    }

    /** Jackson's own words and where, without its "[Source: REDACTED ...]" boilerplate. */
    private static String syntaxError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                String message = json.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:[^]]*]\\)", "");
                JsonLocation at = json.getLocation();
                return at == null ? message : message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            }
        }
        return e.getMessage();
    }

    static TaskQuery query(@Nullable String status, @Nullable String tag, @Nullable String dueBefore,
                           @Nullable String dueAfter, @Nullable String q, @Nullable String sort,
                           @Nullable String limit, @Nullable String cursor) {
        List<FieldError> errors = new ArrayList<>();
        TaskStatus parsedStatus = null;
        if (status != null) {
            try {
                parsedStatus = TaskStatus.fromWireName(status);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", e.getMessage()));
            }
        }
        Instant before = instant("due_before", dueBefore, errors);
        Instant after = instant("due_after", dueAfter, errors);
        TaskSort parsedSort = TaskSort.CREATED_DESC;
        if (sort != null) {
            try {
                parsedSort = TaskSort.fromParam(sort);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("sort", e.getMessage()));
            }
        }
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                parsedLimit = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                parsedLimit = -1;
            }
            if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        TaskCursor parsedCursor = null;
        if (cursor != null && errors.stream().noneMatch(e -> e.field().equals("sort"))) {
            try {
                parsedCursor = TaskCursor.decode(cursor, parsedSort);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cursor", e.getMessage()));
            }
        }
        if (q != null && q.length() > 200) {
            errors.add(new FieldError("q", "must be at most 200 characters"));
        } else if (q != null && StorableValues.textProblem(q) != null) {
            errors.add(new FieldError("q", StorableValues.textProblem(q)));
        }
        if (tag != null && StorableValues.textProblem(tag) != null) {
            errors.add(new FieldError("tag", StorableValues.textProblem(tag)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST, errors);
        }
        return new TaskQuery(parsedStatus, blankToNull(tag), before, after, blankToNull(q), parsedSort, parsedLimit,
                parsedCursor);
    }

    private static Instant instant(String name, @Nullable String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return StorableValues.instant(value);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            errors.add(new FieldError(name, StorableValues.INSTANT_FORM));
            return null;
        }
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
