package io.taskstream.web.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Makes every error Micronaut renders (routing, conversion, JSON syntax, size limits, our own
 * {@code HttpStatusException}s) an RFC 7807 problem instead of the default HATEOAS JSON.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        List<Problem.FieldError> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldError(FieldPaths.toJson(e.getPath().get()), e.getMessage()))
                .toList();
        String detail = context.getErrors().stream()
                .filter(e -> e.getPath().isEmpty())
                .map(Error::getMessage)
                .collect(Collectors.joining("; "));
        return new Problem(fields.isEmpty() ? "about:blank" : Problem.VALIDATION_TYPE, reason(status, response),
                status, detail.isEmpty() ? null : detail, context.getRequest().getPath(), fields);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }

    static String reason(int status, HttpResponse<?> response) {
        try {
            return HttpStatus.valueOf(status).getReason();
        } catch (IllegalArgumentException unknownCode) {
            return response.reason();
        }
    }
}
