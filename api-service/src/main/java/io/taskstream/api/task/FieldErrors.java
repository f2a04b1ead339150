package io.taskstream.api.task;

import io.micronaut.http.HttpStatus;
import io.taskstream.web.problem.Problem.FieldError;
import io.taskstream.web.problem.ProblemException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects field errors, the first per field; any malformed one makes the answer 400, otherwise 422. */
final class FieldErrors {

    private final List<FieldError> list = new ArrayList<>();
    private final Set<String> fields = new HashSet<>();
    private boolean malformed;

    void malformed(String field, String message) {
        malformed = true;
        invalid(field, message);
    }

    void invalid(String field, String message) {
        if (fields.add(field)) {
            list.add(new FieldError(field, message));
        }
    }

    boolean has(String field) {
        return fields.contains(field);
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw ProblemException.invalidFields(malformed ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY, list);
        }
    }
}
