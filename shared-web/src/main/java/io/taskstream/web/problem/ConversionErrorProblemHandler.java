package io.taskstream.web.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A path, query or header value that does not convert to its parameter's type ({@code /tasks/not-a-uuid})
 * as a 400 naming the parameter and the expected form, instead of Micronaut's
 * "Failed to convert argument [id] for value [...] due to: ..." under the path {@code /id}.
 */
@Singleton
@Produces(Problem.CONTENT_TYPE)
@Replaces(ConversionErrorHandler.class)
public class ConversionErrorProblemHandler implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConversionErrorException exception) {
        Argument<?> argument = exception.getArgument();
        ProblemException invalid = ProblemException.invalidFields(HttpStatus.BAD_REQUEST, List.of(
                new Problem.FieldError(FieldPaths.snakeCase(argument.getName()), expected(argument.getType()))));
        Problem problem = new Problem(invalid.type(), HttpStatus.BAD_REQUEST.getReason(), HttpStatus.BAD_REQUEST.getCode(),
                invalid.getMessage(), request.getPath(), invalid.errors());
        return HttpResponse.<Problem>status(HttpStatus.BAD_REQUEST).body(problem).contentType(Problem.CONTENT_TYPE);
    }

    static String expected(Class<?> type) {
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
            return "must be an ISO-8601 instant such as 2026-11-24T09:00:00Z";
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date such as 2026-11-24";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
        }
        return "is not a valid " + type.getSimpleName();
    }
}
