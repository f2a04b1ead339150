package io.taskstream.audit.integrity;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.taskstream.web.problem.ProblemException;

/** Tamper and loss detection. Users may check their own trail; the auditor role any. */
@Controller("/audit")
// JDBC blocks: off the two Netty event-loop threads, or two commits in flight cap the whole service.
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AuditIntegrityController {

    public static final String AUDITOR_ROLE = "auditor";

    private final AuditIntegrityRepository integrity;

    AuditIntegrityController(AuditIntegrityRepository integrity) {
        this.integrity = integrity;
    }

    /** Walks the user's hash chain and reports the first broken link. */
    @Get("/verify")
    ChainReport verify(Authentication caller, @Nullable @QueryValue String userId) {
        String user = userId == null || userId.isBlank() ? caller.getName() : userId.strip(); // as GET /audit reads it
        if (!user.equals(caller.getName()) && !caller.getRoles().contains(AUDITOR_ROLE)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "only the auditor role may verify another user's trail");
        }
        return integrity.verify(user);
    }

    /** Tasks with missing aggregate versions: events lost on the way, not only altered ones. */
    @Get("/gaps")
    GapReport gaps(Authentication caller) {
        return integrity.gaps(caller.getRoles().contains(AUDITOR_ROLE) ? null : caller.getName());
    }
}
