package io.taskstream.web.problem;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** Thrown anywhere in a request to answer with a specific problem; rendered by {@link ProblemExceptionHandler}. */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final List<Problem.FieldError> errors;

    public ProblemException(HttpStatus status, String detail) {
        this(status, "about:blank", detail, List.of());
    }

    public ProblemException(HttpStatus status, String type, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalidFields(HttpStatus status, List<Problem.FieldError> errors) {
        return new ProblemException(status, Problem.VALIDATION_TYPE,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
