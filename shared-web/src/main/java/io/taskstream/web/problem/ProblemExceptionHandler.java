package io.taskstream.web.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Singleton
@Produces(Problem.CONTENT_TYPE)
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
        Problem problem = new Problem(e.type(), e.status().getReason(), e.status().getCode(), e.getMessage(),
                request.getPath(), e.errors());
        return HttpResponse.<Problem>status(e.status()).body(problem).contentType(Problem.CONTENT_TYPE);
    }
}
