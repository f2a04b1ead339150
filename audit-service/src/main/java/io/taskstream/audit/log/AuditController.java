package io.taskstream.audit.log;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.taskstream.audit.query.AuditPage;
import io.taskstream.audit.query.AuditQueries;
import io.taskstream.audit.query.AuditRequests;

import java.util.List;

/**
 * The audit trail, a page at a time in insertion order. Users read only their own entries; the
 * auditor role reads everyone's. Parameters are described in the service README.
 */
@Controller("/audit")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class AuditController {

    private final AuditQueries queries;

    AuditController(AuditQueries queries) {
        this.queries = queries;
    }

    @Get
    @ExecuteOn(TaskExecutors.BLOCKING)
    AuditPage list(Authentication caller, @Nullable @QueryValue String taskId, @Nullable @QueryValue String userId,
                   @Nullable @QueryValue("type") List<String> type, @Nullable @QueryValue String from,
                   @Nullable @QueryValue String to, @Nullable @QueryValue String limit,
                   @Nullable @QueryValue String cursor) {
        return queries.page(AuditRequests.page(caller, taskId, userId, type, from, to, limit, cursor));
    }
}
