package io.taskstream.audit.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.taskstream.web.problem.Problem.FieldError;
import io.taskstream.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses and authorizes the query parameters of {@code GET /audit} and {@code GET /audit/export}.
 * A non-auditor asking for another user's trail gets 403; invalid parameters are collected and
 * answered together as one 400 problem, each named as the client sent it.
 */
public final class AuditRequests {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private AuditRequests() {
    }

    /** The filters, page size and cursor of one page request. */
    public static AuditQuery page(Authentication caller, @Nullable String taskId, @Nullable String userId,
                                  @Nullable List<String> types, @Nullable String from, @Nullable String to,
                                  @Nullable String limit, @Nullable String cursor) {
        String scope = AuditFilters.scope(caller, userId);
        List<FieldError> errors = new ArrayList<>();
        AuditFilter filter = AuditFilters.parse(scope, taskId, userId, types, from, to, errors);
        int parsedLimit = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                parsedLimit = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                parsedLimit = -1;
            }
            if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        long after = 0;
        if (cursor != null) {
            try {
                after = AuditCursor.decode(cursor.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cursor", e.getMessage()));
            }
        }
        failOn(errors);
        return new AuditQuery(filter, parsedLimit, after);
    }

    /** The filters and format of an export (every matching entry, no paging); the format defaults to NDJSON. */
    public static ExportRequest export(Authentication caller, @Nullable String format, @Nullable String taskId,
                                      @Nullable String userId, @Nullable List<String> types, @Nullable String from,
                                      @Nullable String to) {
        String scope = AuditFilters.scope(caller, userId);
        List<FieldError> errors = new ArrayList<>();
        AuditFilter filter = AuditFilters.parse(scope, taskId, userId, types, from, to, errors);
        ExportFormat parsedFormat = ExportFormat.NDJSON;
        if (format != null) {
            try {
                parsedFormat = ExportFormat.fromParam(format);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("format", e.getMessage()));
            }
        }
        failOn(errors);
        return new ExportRequest(filter, parsedFormat);
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST, errors);
        }
    }

    /** A validated export request. */
    public record ExportRequest(AuditFilter filter, ExportFormat format) {
    }
}
