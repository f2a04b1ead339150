package io.taskstream.messaging.jdbc;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.taskstream.web.problem.Problem;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures no more specific handler claims: while the database cannot be reached the answer is 503
 * problem+json with {@code Retry-After} (the client may try again, with its Idempotency-Key),
 * anything else stays a logged 500 rendered as Micronaut would. Without this an outage would read
 * as a server bug. It takes every RuntimeException because the JDBC stack reports an outage through
 * many unrelated types (Micronaut Data's DataAccessException, ConnectionException and
 * CannotGetJdbcConnectionException, TransactionException), depending on where the link broke.
 */
@Singleton
class DatabaseUnavailableHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    static final String UNAVAILABLE_TYPE = "urn:taskstream:problem:database-unavailable";
    static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    private final ErrorResponseProcessor<?> errors;

    DatabaseUnavailableHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException failure) {
        if (!DatabaseFailures.isUnavailable(failure)) {
            LOG.error("Unexpected error occurred on {} {}: {}", request.getMethod(), request.getPath(), failure.getMessage(), failure);
            return errors.processResponse(ErrorContext.builder(request).cause(failure)
                    .errorMessage("Internal Server Error").build(), HttpResponse.serverError());
        }
        LOG.warn("{} {}: database unavailable, answered 503: {}", request.getMethod(), request.getPath(), DatabaseFailures.rootCause(failure));
        Problem problem = new Problem(UNAVAILABLE_TYPE, "Service Unavailable", HttpStatus.SERVICE_UNAVAILABLE.getCode(),
                "the database is unavailable; retry after " + RETRY_AFTER_SECONDS + " s. If the link broke while "
                        + "committing, the change may have been saved: retry with the same Idempotency-Key to be safe",
                request.getPath(), null);
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(Problem.CONTENT_TYPE).body(problem);
    }
}
