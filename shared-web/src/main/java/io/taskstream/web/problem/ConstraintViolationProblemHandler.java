package io.taskstream.web.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bean-validation failures as a 400 problem with one entry per field, named as the client sent
 * it ({@code due_at}, {@code tags[1]}), not as the Java method parameter path.
 */
@Singleton
@Produces(Problem.CONTENT_TYPE)
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationProblemHandler
        implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        Problem problem = new Problem(Problem.VALIDATION_TYPE, HttpStatus.BAD_REQUEST.getReason(), HttpStatus.BAD_REQUEST.getCode(),
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid",
                request.getPath(), errors);
        return HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST).body(problem).contentType(Problem.CONTENT_TYPE);
    }

    /** The path below the method and its parameter: the body's own field names, or the query name. */
    static String fieldOf(ConstraintViolation<?> violation) {
        return fieldOf(violation.getPropertyPath());
    }

    static String fieldOf(Iterable<Path.Node> path) {
        List<String> parts = new ArrayList<>();
        boolean parameterSeen = false;
        boolean parameterReplaced = false;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && !parameterSeen) {
                parameterSeen = true;
                parts.add(node.getName());
                continue;
            }
            String index = node.getIndex() != null ? "[" + node.getIndex() + "]" : node.getKey() != null ? "[" + node.getKey() + "]" : "";
            boolean elementOfPrevious = node.isInIterable() || node.getKind() == ElementKind.CONTAINER_ELEMENT;
            if (elementOfPrevious && !parts.isEmpty()) { // items[0].title: the index belongs to the container before it
                parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                index = "";
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) { // tags[0]: the element itself has no name of its own
                continue;
            }
            if (parameterSeen && !parameterReplaced) {
                parameterReplaced = true;
                parts.clear(); // a body parameter: report the body's field, not the parameter name
            }
            String name = node.getName() == null || node.getName().isEmpty() ? "" : FieldPaths.snakeCase(node.getName());
            parts.add(name + index);
        }
        return parts.isEmpty() ? "request" : String.join(".", parts);
    }
}
