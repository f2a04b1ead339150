package io.taskstream.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 7807 problem details body ({@code application/problem+json}).
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title    short summary of the kind of problem
 * @param status   the HTTP status code
 * @param detail   what went wrong with this request
 * @param instance the request path
 * @param errors   one entry per invalid field (extension member)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String VALIDATION_TYPE = "urn:taskstream:problem:validation";

    /** One invalid field: its JSON path (snake_case, dotted, with [index] for list items) and why. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
