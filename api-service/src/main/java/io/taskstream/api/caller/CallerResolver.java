package io.taskstream.api.caller;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.taskstream.web.problem.ProblemException;
import jakarta.inject.Singleton;

/**
 * The one place that decides whom a task request acts for. A token with role {@value #SERVICE_ROLE}
 * may name a user in {@value #HEADER} and then acts as that user, while staying the actor of what it
 * changes; anyone else acts as their own subject and may not send the header at all.
 */
@Singleton
public class CallerResolver {

    public static final String HEADER = "X-On-Behalf-Of";
    public static final String SERVICE_ROLE = "service";
    static final int MAX_LENGTH = 200;

    public Caller resolve(Authentication authentication, @Nullable String onBehalfOf) {
        String subject = authentication.getName();
        if (onBehalfOf == null) {
            return Caller.self(subject);
        }
        if (!authentication.getRoles().contains(SERVICE_ROLE)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, HEADER + " needs the '" + SERVICE_ROLE
                    + "' role; leave it out to act as yourself");
        }
        if (onBehalfOf.isBlank() || onBehalfOf.length() > MAX_LENGTH) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, HEADER + " must be a user id of 1 to " + MAX_LENGTH
                    + " characters, not blank");
        }
        return new Caller(onBehalfOf, subject);
    }
}
