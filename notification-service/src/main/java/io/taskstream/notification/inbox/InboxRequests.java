package io.taskstream.notification.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.taskstream.web.problem.Problem.FieldError;
import io.taskstream.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses the inbox API's parameters and bodies. Invalid ones are collected and answered together as
 * one 400 problem, each named as the client sent it ({@code status}, {@code ids[2]}, ...).
 */
final class InboxRequests {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_KINDS = 20;
    static final int MAX_BULK_IDS = 100;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private InboxRequests() {
    }

    static InboxQuery page(String userId, @Nullable String status, @Nullable List<String> kinds,
                           @Nullable String limit, @Nullable String cursor) {
        List<FieldError> errors = new ArrayList<>();
        InboxStatus parsedStatus = InboxStatus.INBOX;
        if (status != null) {
            parsedStatus = InboxStatus.fromParam(status.strip()).orElse(null);
            if (parsedStatus == null) {
                errors.add(new FieldError("status", "must be one of inbox, unread, read, archived, all"));
            }
        }
        Set<String> parsedKinds = new LinkedHashSet<>();
        for (String param : kinds == null ? List.<String>of() : kinds) {
            for (String kind : param.split(",", -1)) {
                if (!KIND.matcher(kind.strip()).matches()) {
                    errors.add(new FieldError("kind", "each kind must match " + KIND.pattern()));
                    break;
                }
                parsedKinds.add(kind.strip());
            }
        }
        if (parsedKinds.size() > MAX_KINDS) {
            errors.add(new FieldError("kind", "at most " + MAX_KINDS + " kinds"));
        }
        int parsedLimit = parseLimit(limit, errors);
        InboxCursor after = null;
        if (cursor != null) {
            try {
                after = InboxCursor.decode(cursor.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cursor", e.getMessage()));
            }
        }
        failOn(errors);
        return new InboxQuery(userId, parsedStatus, List.copyOf(parsedKinds), parsedLimit, after);
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST, List.of(new FieldError("id", "must be a UUID")));
        }
    }

    /** The distinct ids (request order) and the action of a bulk mark; all must be valid or nothing is done. */
    static BulkMark bulk(@Nullable BulkMarkRequest body) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ids = body == null ? null : body.ids();
        Set<UUID> parsed = new LinkedHashSet<>();
        if (ids == null || ids.isEmpty() || ids.size() > MAX_BULK_IDS) {
            errors.add(new FieldError("ids", "must list 1 to " + MAX_BULK_IDS + " notification ids"));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                try {
                    parsed.add(UUID.fromString(String.valueOf(ids.get(i)).strip()));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("ids[" + i + "]", "must be a UUID"));
                }
            }
        }
        String action = body == null ? null : body.action();
        MarkAction parsedAction = action == null ? null : MarkAction.fromParam(action.strip()).orElse(null);
        if (parsedAction == null) {
            errors.add(new FieldError("action", "must be one of read, seen, archive"));
        }
        failOn(errors);
        return new BulkMark(List.copyOf(parsed), parsedAction);
    }

    private static int parseLimit(@Nullable String limit, List<FieldError> errors) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 1 || parsed > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        }
        return parsed;
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(HttpStatus.BAD_REQUEST, errors);
        }
    }

    /** A validated bulk mark. */
    record BulkMark(List<UUID> ids, MarkAction action) {
    }
}
