package io.taskstream.audit.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.taskstream.audit.integrity.AuditIntegrityController;
import io.taskstream.web.problem.Problem.FieldError;
import io.taskstream.web.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The filter parameters shared by the page and the export requests: access scope, validation, parsing. */
final class AuditFilters {

    private static final int MAX_TYPES = 20;
    private static final int MAX_ID_LENGTH = 200;
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private AuditFilters() {
    }

    /**
     * The user whose entries the caller may read: only their own, unless they hold the auditor role
     * (then the requested user, or everyone when none is given).
     *
     * @throws ProblemException 403 when a non-auditor asks for another user's entries
     */
    static @Nullable String scope(Authentication caller, @Nullable String userId) {
        if (caller.getRoles().contains(AuditIntegrityController.AUDITOR_ROLE)) {
            return blankToNull(userId);
        }
        if (userId != null && !userId.isBlank() && !userId.strip().equals(caller.getName())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "only the auditor role may read another user's trail");
        }
        return caller.getName();
    }

    /** The filter, adding one error per invalid parameter to {@code errors}. */
    static AuditFilter parse(@Nullable String scope, @Nullable String taskId, @Nullable String userId,
                             @Nullable List<String> types, @Nullable String from, @Nullable String to,
                             List<FieldError> errors) {
        checkLength("taskId", taskId, errors);
        checkLength("userId", userId, errors);
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new FieldError("to", "must be later than from"));
        }
        return new AuditFilter(blankToNull(taskId), scope, types(types, errors), fromInstant, toInstant);
    }

    /** {@code type} may repeat, and each value may be a comma-separated list. */
    private static List<String> types(@Nullable List<String> values, List<FieldError> errors) {
        if (values == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String value : values) {
            for (String type : value.split(",", -1)) {
                String name = type.strip();
                if (!EVENT_TYPE.matcher(name).matches()) {
                    errors.add(new FieldError("type", "must be event types such as task.updated, comma-separated"));
                    return List.of();
                }
                types.add(name);
            }
        }
        if (types.size() > MAX_TYPES) {
            errors.add(new FieldError("type", "must name at most " + MAX_TYPES + " event types"));
            return List.of();
        }
        return List.copyOf(types);
    }

    private static @Nullable Instant instant(String name, @Nullable String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-11-24T09:00:00Z"));
            return null;
        }
    }

    private static void checkLength(String name, @Nullable String value, List<FieldError> errors) {
        if (value != null && value.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(name, "must be at most " + MAX_ID_LENGTH + " characters"));
        }
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
