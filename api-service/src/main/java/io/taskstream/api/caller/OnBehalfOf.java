package io.taskstream.api.caller;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@link Caller} argument and documents the {@code X-On-Behalf-Of} header it may come from in OpenAPI. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(name = CallerResolver.HEADER, in = ParameterIn.HEADER, required = false,
        description = "Only for tokens with role `service`: act as this user (ownership, visibility, "
                + "Idempotency-Key scope, list filters); the service stays the `actor` of the events. "
                + "Anyone else sending it gets 403; blank or over 200 characters is 400.",
        schema = @Schema(implementation = String.class, minLength = 1, maxLength = 200))
public @interface OnBehalfOf {
}
